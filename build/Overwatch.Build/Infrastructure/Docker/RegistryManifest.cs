using System.Security.Cryptography;
using System.Text.Json;

namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>
/// An image manifest as the registry holds it under a tag: its exact bytes (a tag made from them has the same
/// digest), its media type, its digest, and the config digest, which is the image ID it was pushed from.
/// </summary>
public sealed record RegistryManifest(string MediaType, byte[] Content, string Digest, string ConfigDigest)
{
    public const string DockerV2 = "application/vnd.docker.distribution.manifest.v2+json";
    public const string Oci = "application/vnd.oci.image.manifest.v1+json";

    public static readonly string[] Accepted = [DockerV2, Oci];

    /// <summary>
    /// The manifest in a registry's answer, or null with the reason when it is not a single-image manifest of the
    /// two accepted types, or its bytes do not hash to the digest the registry named.
    /// </summary>
    public static (RegistryManifest? Manifest, string? Odd) Read(byte[] content, string? mediaType, string? digestHeader)
    {
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
        if (digestHeader is not null && !digestHeader.Equals(digest, StringComparison.Ordinal))
            return (null, $"the manifest does not match its digest {digestHeader}");
        try
        {
            using var document = JsonDocument.Parse(content);
            var root = document.RootElement;
            var type = mediaType is not null && Accepted.Contains(mediaType) ? mediaType
                : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("mediaType", out var declared) && declared.ValueKind == JsonValueKind.String ? declared.GetString()
                : null;
            if (type is null || !Accepted.Contains(type)) return (null, $"a manifest of type {type ?? mediaType ?? "unknown"}");
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object
                && config.TryGetProperty("digest", out var configDigest) && configDigest.ValueKind == JsonValueKind.String
                && configDigest.GetString() is { } id && id.StartsWith("sha256:", StringComparison.Ordinal))
                return (new RegistryManifest(type, content, digest, id), null);
            return (null, "a manifest without a config digest");
        }
        catch (JsonException)
        {
            return (null, "a manifest that is not JSON");
        }
    }
}
