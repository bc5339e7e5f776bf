using System.Security.Cryptography;
using System.Text;
using NUnit.Framework;
using Overwatch.Build.Infrastructure.Docker;

namespace Overwatch.Build.Tests.Infrastructure.Docker;

/// <summary>Only a single-image manifest whose bytes match the registry's digest answers "which image is this tag".</summary>
public sealed class RegistryManifestTests
{
    private const string ImageId = "sha256:1111111111111111111111111111111111111111111111111111111111111111";

    [TestCase(RegistryManifest.DockerV2)]
    [TestCase(RegistryManifest.Oci)]
    public void A_single_image_manifest_gives_its_config_digest_and_its_own_digest(string type)
    {
        var content = Manifest(type);

        var (manifest, odd) = RegistryManifest.Read(content, type, Digest(content));

        Assert.That(odd, Is.Null);
        Assert.That(manifest!.ConfigDigest, Is.EqualTo(ImageId));
        Assert.That(manifest.Digest, Is.EqualTo(Digest(content)));
        Assert.That(manifest.MediaType, Is.EqualTo(type));
        Assert.That(manifest.Content, Is.EqualTo(content), "the exact bytes, so a tag made from them has the same digest");
    }

    [Test]
    public void Without_a_content_type_the_manifest_says_its_own()
    {
        var content = Manifest(RegistryManifest.Oci);

        var (manifest, _) = RegistryManifest.Read(content, "application/json", null);

        Assert.That(manifest!.MediaType, Is.EqualTo(RegistryManifest.Oci));
        Assert.That(manifest.Digest, Is.EqualTo(Digest(content)), "computed when the registry names none");
    }

    [TestCase("application/vnd.docker.distribution.manifest.list.v2+json", """{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json","manifests":[]}""", "a manifest of type application/vnd.docker.distribution.manifest.list.v2+json")]
    [TestCase("application/vnd.oci.image.index.v1+json", """{"schemaVersion":2,"manifests":[]}""", "a manifest of type application/vnd.oci.image.index.v1+json")]
    [TestCase(RegistryManifest.DockerV2, """{"schemaVersion":2,"layers":[]}""", "a manifest without a config digest")]
    [TestCase(RegistryManifest.DockerV2, """{"schemaVersion":2,"config":{"digest":42}}""", "a manifest without a config digest")]
    [TestCase(RegistryManifest.DockerV2, """[1,2]""", "a manifest without a config digest")]
    [TestCase(RegistryManifest.DockerV2, "<html>proxy error</html>", "a manifest that is not JSON")]
    public void Anything_else_is_odd_and_says_why(string type, string json, string why)
    {
        var content = Encoding.UTF8.GetBytes(json);

        var (manifest, odd) = RegistryManifest.Read(content, type, Digest(content));

        Assert.That(manifest, Is.Null);
        Assert.That(odd, Is.EqualTo(why));
    }

    [Test]
    public void Bytes_that_do_not_match_the_registrys_digest_are_odd()
    {
        var content = Manifest(RegistryManifest.DockerV2);
        var other = Digest(Encoding.UTF8.GetBytes("other"));

        var (manifest, odd) = RegistryManifest.Read(content, RegistryManifest.DockerV2, other);

        Assert.That(manifest, Is.Null);
        Assert.That(odd, Does.Contain(other));
    }

    [Test]
    public void A_lookup_holds_only_the_image_of_its_config_digest()
    {
        var content = Manifest(RegistryManifest.DockerV2);
        var held = TagLookup.Held(RegistryManifest.Read(content, RegistryManifest.DockerV2, null).Manifest!);

        Assert.That(held.Holds(ImageId), Is.True);
        Assert.That(held.Holds("sha256:2222222222222222222222222222222222222222222222222222222222222222"), Is.False);
        Assert.That(held.Holds(null), Is.False);
        Assert.That(TagLookup.Absent.IsAbsent, Is.True);
        Assert.That(TagLookup.Unsure("registry answered 500").IsAbsent, Is.False);
    }

    internal static byte[] Manifest(string type) => Encoding.UTF8.GetBytes($$"""
        {"schemaVersion":2,"mediaType":"{{type}}","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":1,"digest":"{{ImageId}}"},"layers":[]}
        """);

    internal static string Digest(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
}
