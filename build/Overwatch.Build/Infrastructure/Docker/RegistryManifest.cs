using System.Security.Cryptography;
using System.Text.Json;

namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>
/// What the registry holds under a tag: the exact bytes of the manifest the tag names (a tag made from them has the
/// same digest), its media type and digest, and the linux/amd64 image in it: the digest of that image's manifest
/// (the tag's own for a single-image manifest; the platform entry of a manifest list or OCI image index) and its
/// config digest.
/// </summary>
public sealed record RegistryManifest(string MediaType, byte[] Content, string Digest, string ConfigDigest)
{
    public const string DockerV2 = "application/vnd.docker.distribution.manifest.v2+json";
    public const string Oci = "application/vnd.oci.image.manifest.v1+json";
    public const string DockerList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";

    /// <summary>Every type the registry may hold under a tag: without the index types in Accept, a registry answers 404 for one.</summary>
    public static readonly string[] Accepted = [DockerV2, Oci, DockerList, OciIndex];

    private static readonly string[] Images = [DockerV2, Oci];
    private static readonly string[] Lists = [DockerList, OciIndex];

    /// <summary>The manifest of the linux/amd64 image: <see cref="Digest"/> itself unless the tag holds a list.</summary>
    public string ImageDigest { get; init; } = Digest;

    public bool IsList => Lists.Contains(MediaType);

    /// <summary>
    /// Whether a local image ID names this image. The ID is the config digest where docker stores images itself, and
    /// the digest of the manifest or index it pushes under the containerd image store: any of the three is this
    /// image, as digests name content.
    /// </summary>
    public bool Identifies(string? imageId) => imageId is not null && (imageId == ConfigDigest || imageId == Digest || imageId == ImageDigest);

    /// <summary>A list's answer completed with its linux/amd64 image's manifest.</summary>
    public RegistryManifest WithImage(RegistryManifest image) => this with { ConfigDigest = image.ConfigDigest, ImageDigest = image.Digest };

    /// <summary>
    /// The manifest in a registry's answer; for a list, the manifest without its image (<see cref="ConfigDigest"/>
    /// empty) and the digest of the linux/amd64 manifest to fetch next; or null with the reason when it is none of
    /// the accepted types, has no linux/amd64 image, or its bytes do not hash to the digest the registry named.
    /// </summary>
    public static (RegistryManifest? Manifest, string? Platform, string? Odd) Read(byte[] content, string? mediaType, string? digestHeader)
    {
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
        if (digestHeader is not null && !digestHeader.Equals(digest, StringComparison.Ordinal))
            return (null, null, $"a manifest that does not match its digest {digestHeader}");
        try
        {
            using var document = JsonDocument.Parse(content);
            var root = document.RootElement;
            var declared = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("mediaType", out var field) && field.ValueKind == JsonValueKind.String
                ? field.GetString()
                : null;
            var type = mediaType is not null && Accepted.Contains(mediaType) ? mediaType
                : declared ?? (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("manifests", out _) ? OciIndex : null);
            if (type is null || !Accepted.Contains(type)) return (null, null, $"a manifest of type {type ?? mediaType ?? "unknown"}");
            if (Lists.Contains(type))
            {
                var (platform, odd) = RegistryIndex.LinuxAmd64(root);
                return platform is null ? (null, null, odd) : (new RegistryManifest(type, content, digest, ""), platform, null);
            }
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object
                && config.TryGetProperty("digest", out var configDigest) && configDigest.ValueKind == JsonValueKind.String
                && configDigest.GetString() is { } id && id.StartsWith("sha256:", StringComparison.Ordinal))
                return (new RegistryManifest(type, content, digest, id), null, null);
            return (null, null, "a manifest without a config digest");
        }
        catch (JsonException)
        {
            return (null, null, "a manifest that is not JSON");
        }
    }

    /// <summary>Whether a list entry's type is a single-image manifest (a list in a list is not read).</summary>
    internal static bool IsImage(string? type) => type is not null && Images.Contains(type);
}
