using System.Text;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Infrastructure.Docker;

/// <summary>Images as engines push them, stored in a <see cref="FakeTokenRegistry"/>: a config blob with labels and its manifest.</summary>
internal static class RegistryImages
{
    /// <summary>A config blob with these labels and an OCI or Docker v2 manifest of it under the tag; returns (config, manifest) digests.</summary>
    public static (string Config, string Manifest, byte[] Content) Image(FakeTokenRegistry registry, string repository, string tag, string type,
        IReadOnlyDictionary<string, string>? labels = null)
    {
        var labelJson = labels is null ? "null" : "{" + string.Join(",", labels.Select(l => $"\"{l.Key}\":\"{l.Value}\"")) + "}";
        var config = registry.StoreBlob(Encoding.UTF8.GetBytes(
            $$$"""{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/bin"],"Labels":{{{labelJson}}}},"rootfs":{"type":"layers","diff_ids":[]}}"""));
        var content = Encoding.UTF8.GetBytes($$"""
            {"schemaVersion":2,"mediaType":"{{type}}","config":{"mediaType":"application/vnd.oci.image.config.v1+json","size":1,"digest":"{{config}}"},"layers":[]}
            """);
        registry.Store(repository, tag, content, type);
        return (config, FakeTokenRegistry.Digest(content), content);
    }

    /// <summary>
    /// What buildx pushes under the containerd image store: an OCI index of the linux/amd64 image and its attestation
    /// manifest (unknown/unknown); returns (config, image manifest, index) digests.
    /// </summary>
    public static (string Config, string Image, string Index) BuildxIndex(FakeTokenRegistry registry, string repository, string tag,
        IReadOnlyDictionary<string, string>? labels = null, string type = RegistryManifest.OciIndex, string platform = "\"os\":\"linux\",\"architecture\":\"amd64\"")
    {
        var (config, image, _) = Image(registry, repository, tag + "-image", RegistryManifest.Oci, labels);
        var attestation = Encoding.UTF8.GetBytes(
            """{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.in-toto+json","size":1,"digest":"sha256:2222222222222222222222222222222222222222222222222222222222222222"},"layers":[]}""");
        registry.Store(repository, tag + "-attestation", attestation, RegistryManifest.Oci);
        var index = Encoding.UTF8.GetBytes($$$"""
            {"schemaVersion":2,"mediaType":"{{{type}}}","manifests":[
              {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{image}}}","size":1,"platform":{{{{platform}}}}},
              {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{FakeTokenRegistry.Digest(attestation)}}}","size":1,"annotations":{"vnd.docker.reference.digest":"{{{image}}}","vnd.docker.reference.type":"attestation-manifest"},"platform":{"architecture":"unknown","os":"unknown"}}]}
            """);
        registry.Store(repository, tag, index, type);
        return (config, image, FakeTokenRegistry.Digest(index));
    }
}
