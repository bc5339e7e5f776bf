using System.Security.Cryptography;
using System.Text;
using NUnit.Framework;
using Overwatch.Build.Infrastructure.Docker;

namespace Overwatch.Build.Tests.Infrastructure.Docker;

/// <summary>
/// What a tag holds, from any manifest type a registry serves: a single-image manifest gives its config digest, a list
/// or index names its linux/amd64 image (never buildx's attestation manifest); bytes that do not match the registry's
/// digest, or anything else, are odd and say why.
/// </summary>
public sealed class RegistryManifestTests
{
    private const string ImageId = "sha256:1111111111111111111111111111111111111111111111111111111111111111";

    [TestCase(RegistryManifest.DockerV2)]
    [TestCase(RegistryManifest.Oci)]
    public void A_single_image_manifest_gives_its_config_digest_and_its_own_digest(string type)
    {
        var content = Manifest(type);

        var (manifest, platform, odd) = RegistryManifest.Read(content, type, Digest(content));

        Assert.That(odd, Is.Null);
        Assert.That(platform, Is.Null);
        Assert.That(manifest!.ConfigDigest, Is.EqualTo(ImageId));
        Assert.That(manifest.Digest, Is.EqualTo(Digest(content)));
        Assert.That(manifest.MediaType, Is.EqualTo(type));
        Assert.That(manifest.Content, Is.EqualTo(content), "the exact bytes, so a tag made from them has the same digest");
    }

    [Test]
    public void Without_a_content_type_the_manifest_says_its_own()
    {
        var content = Manifest(RegistryManifest.Oci);

        var (manifest, _, _) = RegistryManifest.Read(content, "application/json", null);

        Assert.That(manifest!.MediaType, Is.EqualTo(RegistryManifest.Oci));
        Assert.That(manifest.Digest, Is.EqualTo(Digest(content)), "computed when the registry names none");
    }

    [TestCase(RegistryManifest.DockerList, """{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json","manifests":[]}""", "an image index without a linux/amd64 image (empty)")]
    [TestCase(RegistryManifest.OciIndex, """{"schemaVersion":2,"manifests":[]}""", "an image index without a linux/amd64 image (empty)")]
    [TestCase(RegistryManifest.OciIndex, """{"schemaVersion":2,"manifests":{}}""", "an image index without a manifests list")]
    [TestCase(RegistryManifest.OciIndex, """{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:aa","platform":{"os":"linux","architecture":"arm64"}},{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:bb","platform":{"os":"unknown","architecture":"unknown"}}]}""", "an image index without a linux/amd64 image (linux/arm64, attestation)")]
    [TestCase(RegistryManifest.OciIndex, """{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"sha256:aa","platform":{"os":"linux","architecture":"amd64"}}]}""", "an image index whose linux/amd64 entry is of type application/vnd.oci.image.index.v1+json")]
    [TestCase(RegistryManifest.OciIndex, """{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","platform":{"os":"linux","architecture":"amd64"}}]}""", "an image index whose linux/amd64 entry has no digest")]
    [TestCase("application/vnd.docker.distribution.manifest.v1+prettyjws", """{"schemaVersion":1}""", "a manifest of type application/vnd.docker.distribution.manifest.v1+prettyjws")]
    [TestCase(RegistryManifest.DockerV2, """{"schemaVersion":2,"layers":[]}""", "a manifest without a config digest")]
    [TestCase(RegistryManifest.DockerV2, """{"schemaVersion":2,"config":{"digest":42}}""", "a manifest without a config digest")]
    [TestCase(RegistryManifest.DockerV2, """[1,2]""", "a manifest without a config digest")]
    [TestCase(RegistryManifest.DockerV2, "<html>proxy error</html>", "a manifest that is not JSON")]
    public void Anything_else_is_odd_and_says_why(string type, string json, string why)
    {
        var content = Encoding.UTF8.GetBytes(json);

        var (manifest, platform, odd) = RegistryManifest.Read(content, type, Digest(content));

        Assert.That(manifest, Is.Null);
        Assert.That(platform, Is.Null);
        Assert.That(odd, Is.EqualTo(why));
    }

    [Test]
    public void Bytes_that_do_not_match_the_registrys_digest_are_odd()
    {
        var content = Manifest(RegistryManifest.DockerV2);
        var other = Digest(Encoding.UTF8.GetBytes("other"));

        var (manifest, _, odd) = RegistryManifest.Read(content, RegistryManifest.DockerV2, other);

        Assert.That(manifest, Is.Null);
        Assert.That(odd, Does.Contain(other));
    }

    [TestCase(RegistryManifest.OciIndex, "")]
    [TestCase(RegistryManifest.DockerList, """,{"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"sha256:cc","platform":{"os":"linux","architecture":"arm64","variant":"v8"}}""")]
    public void A_list_names_its_linux_amd64_image_past_the_attestation_manifest(string type, string more)
    {
        var content = Encoding.UTF8.GetBytes($$$"""
            {"schemaVersion":2,"mediaType":"{{{type}}}","manifests":[
              {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:bb","size":566,"annotations":{"vnd.docker.reference.digest":"sha256:aa","vnd.docker.reference.type":"attestation-manifest"},"platform":{"os":"unknown","architecture":"unknown"}}{{{more}}},
              {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:aa","size":664,"platform":{"os":"linux","architecture":"amd64"}}]}
            """);

        var (index, platform, odd) = RegistryManifest.Read(content, type, Digest(content));

        Assert.That(odd, Is.Null);
        Assert.That(platform, Is.EqualTo("sha256:aa"));
        Assert.That(index!.IsList, Is.True);
        Assert.That(index.Content, Is.EqualTo(content), "the list's own bytes: another tag made from them is the same list");
        var image = RegistryManifest.Read(Manifest(RegistryManifest.Oci), RegistryManifest.Oci, null).Manifest!;
        var whole = index.WithImage(image);
        Assert.That((whole.Digest, whole.ImageDigest, whole.ConfigDigest), Is.EqualTo((Digest(content), image.Digest, ImageId)));
    }

    [Test]
    public void A_local_image_ID_is_this_image_when_it_is_the_config_the_image_manifest_or_the_index()
    {
        var index = new RegistryManifest(RegistryManifest.OciIndex, [], "sha256:index", ImageId) { ImageDigest = "sha256:image" };

        Assert.That(index.Identifies(ImageId), Is.True, "docker's own store: the ID is the config digest");
        Assert.That(index.Identifies("sha256:index"), Is.True, "the containerd store: the ID is the index digest it pushes");
        Assert.That(index.Identifies("sha256:image"), Is.True, "the containerd store, an image built without attestations");
        Assert.That(index.Identifies("sha256:other"), Is.False);
        Assert.That(index.Identifies(null), Is.False);
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
