using Overwatch.Build.Inputs;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

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

    public static ImagesConfig Parse(string yaml, string path)
    {
        ImagesFile file;
        try
        {
            file = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build()
                .Deserialize<ImagesFile?>(yaml) ?? throw new UsageException($"images file '{path}' is empty: see docker/images.yaml for its keys");
        }
        catch (YamlException e)
        {
            var what = (e.InnerException ?? e).Message.Split('\n')[0];
            throw new UsageException($"images file '{path}' is invalid at line {e.Start.Line}: {what}");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return new ImagesConfig(
            ImageNames.Registry(Required(file.Registry, "registry", path), $"{path} (registry)"),
            ImageNames.Namespace(file.Namespace ?? "", $"{path} (namespace)"),
            file.Source ?? "",
            (file.PythonVersions ?? []).Select(v => PythonVersion.Parse(v, $"{path} (pythonVersions)")).ToList(),
            Image(file.Base, "base", path, directory),
            Image(file.App, "app", path, directory));
    }

    private static ImageSpec Image(ImageFile? image, string key, string path, string directory)
    {
        if (image is null) throw new UsageException($"images file '{path}' has no '{key}' section: add {key}: {{name, dockerfile, context}}");
        return new ImageSpec(
            ImageNames.Repository(Required(image.Name, $"{key}.name", path), $"{path} ({key}.name)"),
            Path.GetFullPath(Required(image.Dockerfile, $"{key}.dockerfile", path), directory),
            Path.GetFullPath(image.Context ?? ".", directory));
    }

    private static string Required(string? value, string key, string path) =>
        string.IsNullOrWhiteSpace(value) ? throw new UsageException($"images file '{path}' is missing '{key}': add it") : value;

    private sealed class ImagesFile
    {
        public string? Registry { get; set; }
        public string? Namespace { get; set; }
        public string? Source { get; set; }
        public List<string>? PythonVersions { get; set; }
        public ImageFile? Base { get; set; }
        public ImageFile? App { get; set; }
    }

    private sealed class ImageFile
    {
        public string? Name { get; set; }
        public string? Dockerfile { get; set; }
        public string? Context { get; set; }
    }
}
