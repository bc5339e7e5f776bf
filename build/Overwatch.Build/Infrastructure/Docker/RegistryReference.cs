namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>A tag reference split into what the registry's HTTP API names: the repository and the tag.</summary>
public sealed record RegistryReference(string Repository, string Tag)
{
    /// <returns>Null when the reference is not a tag in <paramref name="registry"/> (another host, a digest).</returns>
    public static RegistryReference? Parse(string registry, string reference)
    {
        if (!reference.StartsWith(registry + "/", StringComparison.Ordinal) || reference.Contains('@')) return null;
        var path = reference[(registry.Length + 1)..];
        var colon = path.LastIndexOf(':');
        if (colon <= 0 || colon < path.LastIndexOf('/') || colon == path.Length - 1) return null;
        var repository = path[..colon];
        // Docker Hub's official images live under library/.
        if (registry is "docker.io" or "index.docker.io" && !repository.Contains('/')) repository = "library/" + repository;
        return new RegistryReference(repository, path[(colon + 1)..]);
    }
}
