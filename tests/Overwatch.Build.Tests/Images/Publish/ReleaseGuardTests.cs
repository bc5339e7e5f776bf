using NUnit.Framework;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Inputs;
using Overwatch.Build.Images.Publish;
using Overwatch.Build.Tests.Infra;
using Overwatch.Build.Tests.Infrastructure.Docker;

namespace Overwatch.Build.Tests.Images.Publish;

/// <summary>
/// The release check against a registry double answering what each engine pushes (a Docker v2 manifest, an OCI index
/// with buildx's attestation manifest, a manifest list) and what no check can read (garbage, a 404 that says an index
/// is there, a 5xx): the same image or the same inputs is left alone, another image is refused, and whatever cannot be
/// read is refused too, in one line naming the reference and the cause, unless --allow-overwrite.
/// </summary>
[NonParallelizable]
public sealed class ReleaseGuardTests
{
    private const string User = "ci-bot";
    private const string Password = "Guard-pa55-never-shown-4b7e";
    private const string Inputs = "org.overwatch-build.inputs";
    private const string Other = "sha256:9999999999999999999999999999999999999999999999999999999999999999";

    private FakeTokenRegistry registry = null!;
    private RegistryClient client = null!;
    private readonly List<string> log = [];

    private string Release => $"{registry.Address}/ns/app:1.2.3-py3.6.7";

    [SetUp]
    public void Start()
    {
        registry = new FakeTokenRegistry(User, Password);
        client = new RegistryClient(registry.Address, new Credentials(User, Password));
        log.Clear();
    }

    [TearDown]
    public void Stop()
    {
        client.Dispose();
        registry.Dispose();
    }

    [TestCase("index digest (containerd image store)")]
    [TestCase("config digest (docker's own store)")]
    public void An_OCI_index_of_this_image_is_not_pushed_again(string localId)
    {
        var (config, _, index) = RegistryImages.BuildxIndex(registry, "ns/app", "1.2.3-py3.6.7");

        var (skip, reason, digest) = Inspect(localId.StartsWith("index") ? index : config, localInputs: null);

        Assert.That(skip, Does.Contain("is already published from this image"));
        Assert.That(reason, Is.EqualTo("unchanged release: the registry holds this very image"));
        Assert.That(digest, Is.EqualTo(index));
    }

    [Test]
    public void A_rebuild_of_the_same_inputs_on_a_fresh_runner_is_not_pushed_over_the_release()
    {
        var (_, _, index) = RegistryImages.BuildxIndex(registry, "ns/app", "1.2.3-py3.6.7", new Dictionary<string, string> { [Inputs] = new('a', 64) });

        var (skip, reason, digest) = Inspect(Other, localInputs: new string('a', 64));

        Assert.That(skip, Does.Contain("is already published from an image of the same inputs (aaaaaaaaaaaa"));
        Assert.That(reason, Is.EqualTo("unchanged release: the registry holds an image of the same inputs"));
        Assert.That(digest, Is.EqualTo(index));
    }

    [TestCase(RegistryManifest.OciIndex)]
    [TestCase(RegistryManifest.DockerList)]
    public void Another_image_in_an_index_or_list_is_refused(string type)
    {
        RegistryImages.BuildxIndex(registry, "ns/app", "1.2.3-py3.6.7", new Dictionary<string, string> { [Inputs] = new('a', 64) }, type);

        var refused = Assert.Throws<DockerException>(() => Inspect(Other, localInputs: new string('b', 64)))!;

        Assert.That(refused.Message, Does.StartWith($"release {Release} is already published from another image"));
        Assert.That(refused.Message, Does.EndWith(ReleaseGuard.Refusal));
    }

    [TestCase("garbage", "a manifest that is not JSON")]
    [TestCase("404 with an OCI-index error", "registry answered 404 but holds something under the tag (OCI index found, but accept header does not support OCI indexes)")]
    [TestCase("503", "registry answered 503")]
    [TestCase("an index without linux/amd64", "an image index without a linux/amd64 image (linux/arm64, attestation)")]
    public void What_cannot_be_read_refuses_the_push_in_one_line_naming_the_reference_and_the_cause(string answer, string cause)
    {
        Answer(answer);

        var refused = Assert.Throws<DockerException>(() => Inspect(Other, localInputs: new string('a', 64)))!;

        Assert.That(refused.Message, Does.Not.Contain("\n"));
        Assert.That(refused.Message, Does.StartWith($"cannot tell which image release {Release} holds ({cause}): the release push is refused"));
        Assert.That(refused.Message, Does.Contain("--allow-overwrite"));
        Assert.That(refused.Message, Does.Not.Contain(Password));
    }

    [Test]
    public void With_allow_overwrite_what_cannot_be_read_is_pushed_with_a_warning()
    {
        Answer("garbage");

        var (skip, _, _) = Inspect(Other, localInputs: null, allowOverwrite: true);

        Assert.That(skip, Is.Null, "pushed");
        Assert.That(log, Has.One.StartsWith($"Warning: cannot tell which image release {Release} holds (a manifest that is not JSON); replacing it"));
    }

    [Test]
    public void A_release_not_in_the_registry_is_pushed()
    {
        var (skip, reason, digest) = Inspect(Other, localInputs: null);

        Assert.That((skip, reason, digest), Is.EqualTo(((string?)null, (string?)null, (string?)null)));
    }

    private void Answer(string answer)
    {
        switch (answer)
        {
            case "garbage": registry.Store("ns/app", "1.2.3-py3.6.7", "<html>bad gateway</html>"u8.ToArray(), RegistryManifest.DockerV2); break;
            case "503": registry.ManifestStatus = 503; break;
            case "an index without linux/amd64":
                RegistryImages.BuildxIndex(registry, "ns/app", "1.2.3-py3.6.7", platform: "\"os\":\"linux\",\"architecture\":\"arm64\""); break;
            default:
                registry.ManifestStatus = 404;
                registry.ManifestError = FakeTokenRegistry.NotAccepted;
                break;
        }
    }

    private (string? Skip, string? Reason, string? Digest) Inspect(string localId, string? localInputs, bool allowOverwrite = false) =>
        Inspected(localId, localInputs, allowOverwrite) is { } unchanged ? (unchanged.Line, unchanged.Reason, unchanged.Digest) : (null, null, null);

    private UnchangedRelease? Inspected(string localId, string? localInputs, bool allowOverwrite) =>
        new ReleaseGuard(log.Add).Inspect(Release, allowOverwrite, client.Manifest(Release), localId, localInputs, manifest =>
        {
            var (labels, unknown) = client.Labels(Release, manifest);
            return (labels?.GetValueOrDefault(Inputs), unknown);
        });
}
