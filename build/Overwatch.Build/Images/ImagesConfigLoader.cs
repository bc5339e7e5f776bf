using System.Text.RegularExpressions;
using Overwatch.Build.Inputs;
using Overwatch.Build.Yaml;

namespace Overwatch.Build.Images;

/// <summary>Reads docker/images.yaml. Relative paths in it are relative to the file's own directory.</summary>
public static partial class ImagesConfigLoader
{
    public static ImagesConfig Load(string path)
    {
        if (!File.Exists(path))
            throw new UsageException($"images file '{path}' does not exist: pass --images-config=PATH or restore docker/images.yaml");
        var config = Parse(File.ReadAllText(path), path);
        RequireOnDisk(path, ("base", config.Base), ("app", config.App));
        return config;
    }

    /// <summary>
    /// A copied images file whose relative paths no longer resolve would plan (and hash) an image nobody can build:
    /// refused, one line per path, naming the file, the key and where the path led.
    /// </summary>
    private static void RequireOnDisk(string path, params (string Key, ImageSpec Image)[] images)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        var missing = images.SelectMany(i => new[]
            {
                File.Exists(i.Image.Dockerfile) ? null : $"{i.Key}.dockerfile: {i.Image.Dockerfile} does not exist",
                Directory.Exists(i.Image.Context) ? null : $"{i.Key}.context: {i.Image.Context} is not a directory",
            })
            .OfType<string>()
            .Select(problem => $"images file '{path}': {problem} (paths are relative to the images file's folder {folder}): correct the path, or keep the images file beside its Dockerfiles")
            .ToList();
        if (missing.Count > 0) throw new UsageException(string.Join(Environment.NewLine, missing));
    }

    /// <summary>
    /// Reads with the deploy YAML's reader (its limits, no alias bombs, no .NET type names in messages);
    /// the first problem found is reported with its key and line.
    /// </summary>
    public static ImagesConfig Parse(string yaml, string path)
    {
        var problems = new List<YamlProblem>();
        var root = YamlTreeReader.Read(yaml, new Dictionary<string, string?>(), problems);
        if (root is null && problems is [var only] && only == YamlTreeReader.EmptyDocument)
            throw new UsageException($"images file '{path}' is empty: see docker/images.yaml for its keys");
        if (root is not null and not YamlMap)
            problems.Add(new YamlProblem("(document)", root.Line, $"expected a map with {string.Join(", ", TopKeys)}"));
        if (problems.Count > 0) throw Invalid(path, problems[0]);

        var top = new YamlSection((YamlMap)root!, "", problems);
        top.RejectUnknown(TopKeys);
        var file = new ImagesFile(
            top.String("registry"), top.String("namespace"), top.String("source"), Versions(top),
            ReadImage(top.Section("base"), ["name", "dockerfile", "context"]), ReadImage(top.Section("app"), ["name", "dockerfile", "context", "sourceTree"]),
            ReadSmoke(top.Section("smoke")));
        if (problems.Count > 0) throw Invalid(path, problems[0]);

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return new ImagesConfig(
            ImageNames.Registry(Required(file.Registry, "registry", path), $"{path} (registry)"),
            ImageNames.Namespace(file.Namespace ?? "", $"{path} (namespace)"),
            file.Source ?? "",
            (file.PythonVersions ?? []).Select(v => PythonVersion.Parse(v, $"{path} (pythonVersions)")).ToList(),
            Image(file.Base, "base", path, directory),
            Image(file.App, "app", path, directory),
            Smoke(file.Smoke, path, directory));
    }

    private static readonly string[] TopKeys = ["registry", "namespace", "source", "pythonVersions", "base", "app", "smoke"];
    private static readonly string[] SmokeKeys = ["deployConfig", "host", "path", "status", "timeLimit"];

    private static UsageException Invalid(string path, YamlProblem problem) =>
        new($"images file '{path}' is invalid{(problem.Line is { } line ? $" at line {line}" : "")}: {(problem.Path == "(document)" ? "" : problem.Path + ": ")}{problem.Message}");

    private static List<string>? Versions(YamlSection top)
    {
        switch (top.Value("pythonVersions"))
        {
            case null: return null;
            case YamlList list when list.Items.All(i => i is YamlScalar { IsNull: false }):
                return list.Items.Select(i => ((YamlScalar)i).Text!).ToList();
            default:
                top.Problem("pythonVersions", "expected a list of Python versions, e.g. [2.7.15, 3.6.7]");
                return null;
        }
    }

    private static ImageFile? ReadImage(YamlSection? section, string[] keys)
    {
        if (section is null) return null;
        section.RejectUnknown(keys);
        return new ImageFile(section.String("name"), section.String("dockerfile"), section.String("context"),
            keys.Contains("sourceTree") ? section.String("sourceTree") : null);
    }

    private static SmokeFile? ReadSmoke(YamlSection? section)
    {
        if (section is null) return null;
        section.RejectUnknown(SmokeKeys);
        return new SmokeFile(section.String("deployConfig"), section.String("host"), section.String("path"), section.Int("status"), section.Int("timeLimit"));
    }

    private static SmokeSettings? Smoke(SmokeFile? smoke, string path, string directory)
    {
        if (smoke is null) return null;
        var status = smoke.Status ?? SmokeSettings.DefaultStatus;
        if (status is < 100 or > 599)
            throw new UsageException($"images file '{path}' has smoke.status {status}: expected an HTTP status, e.g. 200");
        if (smoke.TimeLimit is <= 0)
            throw new UsageException($"images file '{path}' has smoke.timeLimit {smoke.TimeLimit}: expected seconds above 0, e.g. 120");
        var request = smoke.Path ?? SmokeSettings.DefaultPath;
        if (!request.StartsWith('/') || request.Any(char.IsControl) || request.Contains(' '))
            throw new UsageException($"images file '{path}' has smoke.path '{request}': expected an absolute URL path without spaces, e.g. /");
        return new SmokeSettings(
            Path.GetFullPath(Required(smoke.DeployConfig, "smoke.deployConfig", path), directory),
            VirtualHostName(Required(smoke.Host, "smoke.host", path), path),
            request,
            status,
            smoke.TimeLimit is { } seconds ? TimeSpan.FromSeconds(seconds) : SmokeSettings.DefaultTimeLimit);
    }

    private static string VirtualHostName(string host, string path) =>
        host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':')
            ? host
            : throw new UsageException($"images file '{path}' has smoke.host '{host}': expected a host name, e.g. smoke.overwatch.local");

    private static ImageSpec Image(ImageFile? image, string key, string path, string directory)
    {
        if (image is null) throw new UsageException($"images file '{path}' has no '{key}' section: add {key}: {{name, dockerfile, context}}");
        return new ImageSpec(
            ImageNames.Repository(Required(image.Name, $"{key}.name", path), $"{path} ({key}.name)"),
            Path.GetFullPath(Required(image.Dockerfile, $"{key}.dockerfile", path), directory),
            Path.GetFullPath(image.Context ?? ".", directory))
        {
            SourceTree = image.SourceTree is null ? null : SourceTree(image.SourceTree, key, path),
        };
    }

    // One plain folder name: the source is extracted there, inside a context directory made for the build.
    private static string SourceTree(string value, string key, string path) =>
        FolderName().IsMatch(value)
            ? value
            : throw new UsageException($"images file '{path}': {key}.sourceTree '{value}' is not a folder name: use e.g. overwatch-src (a folder of the build context, no '/')");

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]*\z")]
    private static partial Regex FolderName();

    private static string Required(string? value, string key, string path) =>
        string.IsNullOrWhiteSpace(value) ? throw new UsageException($"images file '{path}' is missing '{key}': add it") : value;

    private sealed record ImagesFile(string? Registry, string? Namespace, string? Source, List<string>? PythonVersions, ImageFile? Base, ImageFile? App, SmokeFile? Smoke);

    private sealed record SmokeFile(string? DeployConfig, string? Host, string? Path, int? Status, int? TimeLimit);

    private sealed record ImageFile(string? Name, string? Dockerfile, string? Context, string? SourceTree = null);
}
