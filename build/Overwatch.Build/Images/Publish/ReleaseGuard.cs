using Overwatch.Build.Infrastructure.Docker;

namespace Overwatch.Build.Images.Publish;

/// <summary>
/// Release tags never move: before one is pushed, the registry is asked what it holds under that tag (any manifest
/// type: Docker v2, OCI, a manifest list or an OCI index, whose linux/amd64 image counts). Nothing: push. This very
/// image (<see cref="RegistryManifest.Identifies"/>), or an image of the same inputs (a rebuild of the same commit on
/// another runner is a new image of the same inputs): nothing to do. Another image: refused. An answer that cannot
/// be read: refused too (fail closed), as a push would move a release it cannot see. --allow-overwrite pushes over
/// either, with a warning.
/// </summary>
public sealed class ReleaseGuard(Action<string> log)
{
    public const string Refusal = "release tags never move; tag a new release, or pass --allow-overwrite to replace it";

    /// <param name="asked">What the registry's HTTP API said the tag holds.</param>
    /// <param name="local">The local image ID.</param>
    /// <param name="localInputs">The inputs label of the local image, when it has one.</param>
    /// <param name="publishedInputs">Reads the inputs label of the registry's image: the label, or null and why not.</param>
    /// <returns>The release as the registry holds it when the push is skipped; null: push.</returns>
    public UnchangedRelease? Inspect(string reference, bool allowOverwrite, TagLookup asked, string local, string? localInputs,
        Func<RegistryManifest, (string? Inputs, string? Unknown)> publishedInputs)
    {
        if (asked.IsAbsent) return null;
        if (asked.Manifest is not { } manifest)
            return Overwrite(allowOverwrite, $"cannot tell which image release {reference} holds ({asked.Unknown})",
                "the release push is refused, as it could move a published release; try again when the registry answers, or pass --allow-overwrite to push regardless");
        if (manifest.Identifies(local))
            return new UnchangedRelease($"{reference} is already published from this image ({Short(manifest.ConfigDigest)}): not pushed again.",
                "unchanged release: the registry holds this very image", manifest.Digest);
        var (inputs, unknown) = localInputs is null ? (null, null) : publishedInputs(manifest);
        if (inputs is not null && inputs == localInputs)
            return new UnchangedRelease($"{reference} is already published from an image of the same inputs ({inputs[..12]}; registry {Short(manifest.ConfigDigest)}, " +
                $"local {Short(local)}): the rebuild is not pushed over it.", "unchanged release: the registry holds an image of the same inputs", manifest.Digest);
        var what = $"release {reference} is already published from another image (registry {Short(manifest.ConfigDigest)}, local {Short(local)}" +
            (unknown is not null ? $"; its inputs could not be read: {unknown}" : "") + ")";
        return Overwrite(allowOverwrite, what, Refusal);
    }

    private UnchangedRelease? Overwrite(bool allowOverwrite, string what, string refusal)
    {
        if (!allowOverwrite) throw new DockerException($"{what}: {refusal}");
        log($"Warning: {what}; replacing it as --allow-overwrite asks.");
        return null;
    }

    private static string Short(string digest) => digest.StartsWith("sha256:", StringComparison.Ordinal) && digest.Length > 19 ? digest[..19] : digest;
}

/// <summary>A release the registry already holds unchanged: not pushed again.</summary>
/// <param name="Line">Why, in the log's words.</param>
/// <param name="Reason">Why, in publish.json's words.</param>
/// <param name="Digest">The registry's manifest digest of the release.</param>
public sealed record UnchangedRelease(string Line, string Reason, string Digest);
