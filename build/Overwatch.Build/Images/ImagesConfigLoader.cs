using Overwatch.Build.Inputs;
using Overwatch.Build.Deploy;
using Overwatch.Build.Deploy.Yaml;

namespace Overwatch.Build.Images;

/// <summary>Reads docker/images.yaml. Relative paths in it are relative to the file's own directory.</summary>
public static class ImagesConfigLoader
{
    public static ImagesConfig Load(string path)
    {
        if (!File.Exists(path))
            throw new UsageException($"images file '{path}' does not exist: pass --images-config=PATH or restore docker/images.yaml");
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>
    /// Reads with the deploy YAML's reader (its limits, no alias bombs, no .NET type names in messages);
    /// the first problem found is reported with its key and line.
    /// </summary>
    public static ImagesConfig Parse(string yaml, string path)
    {
        var problems = new List<DeployProblem>();
        var root = YamlTreeReader.Read(yaml, new Dictionary<string, string?>(), problems);
        if (root is null && problems is [{ Message: var message }] && message.Contains("is empty", StringComparison.Ordinal))
            throw new UsageException($"images file '{path}' is empty: see docker/images.yaml for its keys");
        if (root is not null and not YamlMap)
            problems.Add(new DeployProblem("(document)", root.Line, $"expected a map with {string.Join(", ", TopKeys)}"));
        if (problems.Count > 0) throw Invalid(path, problems[0]);

        var top = new YamlSection((YamlMap)root!, "", problems);
        top.RejectUnknown(TopKeys);
        var file = new ImagesFile(
            top.String("registry"), top.String("namespace"), top.String("source"), Versions(top),
            ReadImage(top.Section("base"), ["name", "dockerfile", "context"]), ReadImage(top.Section("app"), ["name", "dockerfile", "context", "sourceTree"]));
        if (problems.Count > 0) throw Invalid(path, problems[0]);

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return new ImagesConfig(
            ImageNames.Registry(Required(file.Registry, "registry", path), $"{path} (registry)"),
            ImageNames.Namespace(file.Namespace ?? "", $"{path} (namespace)"),
            file.Source ?? "",
            (file.PythonVersions ?? []).Select(v => PythonVersion.Parse(v, $"{path} (pythonVersions)")).ToList(),
            Image(file.Base, "base", path, directory),
            Image(file.App, "app", path, directory));
    }

    private static readonly string[] TopKeys = ["registry", "namespace", "source", "pythonVersions", "base", "app"];

    private static UsageException Invalid(string path, DeployProblem problem) =>
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
        System.Text.RegularExpressions.Regex.IsMatch(value, @"^[A-Za-z0-9][A-Za-z0-9_.-]*\z")
            ? value
            : throw new UsageException($"images file '{path}': {key}.sourceTree '{value}' is not a folder name: use e.g. overwatch-src (a folder of the build context, no '/')");

    private static string Required(string? value, string key, string path) =>
        string.IsNullOrWhiteSpace(value) ? throw new UsageException($"images file '{path}' is missing '{key}': add it") : value;

    private sealed record ImagesFile(string? Registry, string? Namespace, string? Source, List<string>? PythonVersions, ImageFile? Base, ImageFile? App);

    private sealed record ImageFile(string? Name, string? Dockerfile, string? Context, string? SourceTree = null);
}
