namespace Overwatch.Build.Images;

/// <summary>The checked-in defaults of the image pipeline (docker/images.yaml), after arguments override them.</summary>
public sealed record ImagesConfig(
    string Registry,
    string Namespace,
    string Source,
    IReadOnlyList<PythonVersion> PythonVersions,
    ImageSpec Base,
    ImageSpec App,
    SmokeSettings? Smoke = null)
{
    /// <summary>Full repository path, e.g. <c>docker.io/rehlers/overwatch</c>.</summary>
    public string Repository(ImageSpec image) =>
        string.Join('/', new[] { Registry, Namespace, image.Name }.Where(p => p.Length > 0));
}
