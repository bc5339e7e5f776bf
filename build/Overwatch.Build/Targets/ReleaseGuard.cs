using System.Text.Json;
using Overwatch.Build.Infrastructure.Docker;

namespace Overwatch.Build.Targets;

/// <summary>
/// Release tags never move: before one is pushed, the registry is asked which image it holds under
/// that tag. None: push. This very image (same config digest, i.e. image ID): nothing to do. Another
/// image: refused, unless the user allows the overwrite. The registry's HTTP API answers first; docker only when
/// it could not tell.
/// </summary>
public sealed class ReleaseGuard(DockerCli docker, string registry, Action<string> log)
{
    /// <param name="asked">What the registry's HTTP API said the tag holds; when it could not tell, docker is asked.</param>
    /// <param name="local">The local image ID, when known.</param>
    /// <returns>Why the push is skipped (null: push), and the registry's manifest digest of the release when it holds this image.</returns>
    public (string? Skip, string? Digest) Inspect(string reference, bool allowOverwrite, TagLookup asked, string? local = null)
    {
        local ??= docker.ImageId(reference) ?? throw new DockerException($"{reference} is not a local image: build it with ./build.sh --target=DockerImage");
        if (asked.IsAbsent) return (null, null);
        var (published, digest) = asked.Manifest is { } manifest ? (manifest.ConfigDigest, manifest.Digest) : AskDocker(reference);
        if (published is null) return (null, null);
        if (published == local)
            return ($"{reference} is already published from this image ({Short(local)}): not pushed again.", digest);
        var what = $"release {reference} is already published from another image (registry {Short(published)}, local {Short(local)})";
        if (!allowOverwrite)
            throw new DockerException($"{what}: release tags never move; tag a new release, or pass --allow-overwrite to replace it");
        log($"Warning: {what}; replacing it as --allow-overwrite asks.");
        return (null, null);
    }

    /// <returns>The config digest the release holds (null: none) and its manifest digest, from `docker manifest inspect`.</returns>
    private (string? Config, string? Digest) AskDocker(string reference)
    {
        var outcome = docker.Registry(DockerCommands.ManifestInspect(reference, RegistryHost.IsLoopback(registry)), $"digest lookup of {reference}", quiet: true);
        if (!outcome.Succeeded)
        {
            if (outcome.LastFailure!.Fault == RegistryFault.NotFound) return (null, null);
            throw new DockerException($"could not ask the registry which image release {reference} holds: {outcome.Summary}; {outcome.LastFailure.Fix}");
        }
        return (ConfigDigest(outcome.Result.StandardOutput), ManifestDigest(outcome.Result.StandardOutput));
    }

    /// <summary>The manifest digest in `docker manifest inspect --verbose` output (its descriptor), or null.</summary>
    internal static string? ManifestDigest(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Descriptor", out var descriptor)
            && descriptor.TryGetProperty("digest", out var digest) ? digest.GetString() : null;
    }

    /// <summary>The config digest in `docker manifest inspect --verbose` output; a manifest list has none of ours.</summary>
    internal static string ConfigDigest(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) return "a multi-platform list";
        foreach (var name in new[] { "SchemaV2Manifest", "OCIManifest" })
            if (root.TryGetProperty(name, out var manifest) && manifest.TryGetProperty("config", out var config)
                && config.TryGetProperty("digest", out var digest))
                return digest.GetString() ?? "unknown";
        return "unknown";
    }

    private static string Short(string digest) => digest.StartsWith("sha256:", StringComparison.Ordinal) && digest.Length > 19 ? digest[..19] : digest;
}
