using System.Text.Json;

namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>
/// The image a manifest list or OCI image index holds for linux/amd64, the platform the images are built for.
/// buildx adds an attestation manifest (platform unknown/unknown, annotated as one) beside the image: never the image.
/// </summary>
public static class RegistryIndex
{
    private const string ReferenceType = "vnd.docker.reference.type";

    /// <returns>The digest of the linux/amd64 image manifest, or null and why there is none to read.</returns>
    public static (string? Digest, string? Odd) LinuxAmd64(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("manifests", out var manifests) || manifests.ValueKind != JsonValueKind.Array)
            return (null, "an image index without a manifests list");
        var platforms = new List<string>();
        foreach (var entry in manifests.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object) return (null, "an image index with an entry that is not an object");
            var platform = Text(entry, "platform", "os") + "/" + Text(entry, "platform", "architecture");
            var attestation = Text(entry, "annotations", ReferenceType) == "attestation-manifest" || platform == "unknown/unknown";
            platforms.Add(attestation ? "attestation" : platform);
            if (attestation || platform != "linux/amd64") continue;
            var digest = Text(entry, "digest");
            if (digest is null || !digest.StartsWith("sha256:", StringComparison.Ordinal)) return (null, "an image index whose linux/amd64 entry has no digest");
            if (!RegistryManifest.IsImage(Text(entry, "mediaType")))
                return (null, $"an image index whose linux/amd64 entry is of type {Text(entry, "mediaType") ?? "unknown"}");
            return (digest, null);
        }
        return (null, $"an image index without a linux/amd64 image ({(platforms.Count == 0 ? "empty" : string.Join(", ", platforms))})");
    }

    private static string? Text(JsonElement element, params string[] path)
    {
        foreach (var name in path)
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element)) return null;
        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }
}
