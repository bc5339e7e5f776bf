using System.Diagnostics;
using NUnit.Framework;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Infrastructure.Processes;
using Overwatch.Build.Inputs;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Infrastructure.Docker;

/// <summary>
/// The registry client against a test double of a token-auth registry on 127.0.0.1: it answers what a tag holds,
/// puts a manifest under a tag, and says "unknown" (never throws, never names a secret) when anything goes wrong.
/// </summary>
[NonParallelizable]
public sealed class RegistryClientTests
{
    private const string User = "ci-bot";
    private const string Password = "T0ken-pa55-never-shown-d1e4";
    private static readonly Credentials Credentials = new(User, Password);

    [Test]
    public void With_a_Bearer_challenge_it_fetches_a_token_for_the_repository_and_reads_the_manifest()
    {
        using var registry = new FakeTokenRegistry(User, Password);
        var content = RegistryManifestTests.Manifest(RegistryManifest.DockerV2);
        registry.Store("ns/app", "master-py3.6.7", content, RegistryManifest.DockerV2);
        using var client = new RegistryClient(registry.Address, Credentials);

        var lookup = client.Manifest($"{registry.Address}/ns/app:master-py3.6.7");
        var again = client.Manifest($"{registry.Address}/ns/app:latest-py3.6.7");

        Assert.That(lookup.Unknown, Is.Null);
        Assert.That(lookup.Manifest!.Digest, Is.EqualTo(FakeTokenRegistry.Digest(content)));
        Assert.That(lookup.Manifest.ConfigDigest, Does.StartWith("sha256:1111"));
        Assert.That(again.IsAbsent, Is.True);
        Assert.That(registry.TokenQueries, Is.EqualTo(new[] { "?service=fake-registry&scope=repository%3Ans%2Fapp%3Apull%2Cpush" }),
            "one token, asked with push scope for the repository, kept for the next request");
        Assert.That(registry.Requests, Is.EqualTo(new[]
        {
            "HEAD /v2/ns/app/manifests/master-py3.6.7 none", "HEAD /v2/ns/app/manifests/master-py3.6.7 bearer",
            $"GET /v2/ns/app/manifests/{FakeTokenRegistry.Digest(content)} bearer", "HEAD /v2/ns/app/manifests/latest-py3.6.7 bearer",
            "GET /v2/ns/app/manifests/latest-py3.6.7 bearer",
        }), "the digest from a HEAD, the bytes by digest (Docker Hub counts GETs as pulls); a 404 to a HEAD is confirmed by a GET, whose body says why");
    }

    [Test]
    public void It_puts_the_exact_manifest_bytes_under_another_tag()
    {
        using var registry = new FakeTokenRegistry(User, Password);
        var content = RegistryManifestTests.Manifest(RegistryManifest.Oci);
        registry.Store("ns/app", "master-py3.6.7", content, RegistryManifest.Oci);
        using var client = new RegistryClient(registry.Address, Credentials);
        var manifest = client.Manifest($"{registry.Address}/ns/app:master-py3.6.7").Manifest!;

        var refused = client.PutManifest($"{registry.Address}/ns/app:latest-py3.6.7", manifest);

        Assert.That(refused, Is.Null);
        Assert.That(registry.Stored("ns/app", "latest-py3.6.7"), Is.EqualTo(content));
        Assert.That(client.Manifest($"{registry.Address}/ns/app:latest-py3.6.7").Manifest!.Digest, Is.EqualTo(manifest.Digest));
        Assert.That(registry.Requests.Count(r => r.StartsWith("GET ", StringComparison.Ordinal)), Is.EqualTo(1), "a digest already read is not fetched again");
    }

    [Test]
    public void With_a_Basic_challenge_it_sends_the_credentials()
    {
        using var registry = new FakeTokenRegistry(User, Password, basic: true);
        registry.Store("ns/app", "v1", RegistryManifestTests.Manifest(RegistryManifest.DockerV2), RegistryManifest.DockerV2);
        using var client = new RegistryClient(registry.Address, Credentials);

        Assert.That(client.Manifest($"{registry.Address}/ns/app:v1").Manifest, Is.Not.Null);
        Assert.That(client.Manifest($"{registry.Address}/ns/app:v2").IsAbsent, Is.True);
        Assert.That(registry.Requests.Select(r => r.Split(' ')[^1]), Is.EqualTo(new[] { "none", "basic", "basic", "basic", "basic" }));
        Assert.That(registry.TokenQueries, Is.Empty);
    }

    [Test]
    public void Wrong_credentials_are_unknown_and_the_reason_names_no_secret()
    {
        using var registry = new FakeTokenRegistry(User, Password);
        using var client = new RegistryClient(registry.Address, new Credentials(User, "Wr0ng-pass-77aa"));

        var lookup = client.Manifest($"{registry.Address}/ns/app:v1");

        Assert.That(lookup.Unknown, Is.EqualTo("the token endpoint answered 401"));
        Assert.That(lookup.Unknown, Does.Not.Contain("Wr0ng"));
    }

    [Test]
    public void Without_credentials_nothing_is_asked()
    {
        using var registry = new FakeTokenRegistry(User, Password);
        using var client = new RegistryClient(registry.Address, null);

        Assert.That(client.Manifest($"{registry.Address}/ns/app:v1").Unknown, Is.EqualTo("no credentials"));
        Assert.That(registry.Requests, Is.Empty);
    }

    [Test]
    public void A_token_endpoint_over_plain_http_elsewhere_never_gets_the_credentials()
    {
        using var registry = new FakeTokenRegistry(User, Password) { Realm = "http://auth.example.invalid/token" };
        using var client = new RegistryClient(registry.Address, Credentials);

        var lookup = client.Manifest($"{registry.Address}/ns/app:v1");

        Assert.That(lookup.Unknown, Is.EqualTo("a token endpoint that is not https (http://auth.example.invalid/token)"));
        Assert.That(registry.TokenQueries, Is.Empty);
    }

    [TestCase(500, "registry answered 500")]
    [TestCase(503, "registry answered 503")]
    [TestCase(403, "registry answered 403")]
    public void A_status_other_than_found_or_not_found_is_unknown(int status, string why)
    {
        using var registry = new FakeTokenRegistry(User, Password) { ManifestStatus = status };
        using var client = new RegistryClient(registry.Address, Credentials);

        Assert.That(client.Manifest($"{registry.Address}/ns/app:v1").Unknown, Is.EqualTo(why));
        Assert.That(client.PutManifest($"{registry.Address}/ns/app:v1",
            RegistryManifest.Read(RegistryManifestTests.Manifest(RegistryManifest.DockerV2), RegistryManifest.DockerV2, null).Manifest!), Is.EqualTo(why));
    }

    [Test]
    public void A_registry_that_does_not_answer_is_unknown_after_the_time_out()
    {
        using var registry = new FakeTokenRegistry(User, Password) { ManifestStatus = 0 };
        using var client = new RegistryClient(registry.Address, Credentials, TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();

        var lookup = client.Manifest($"{registry.Address}/ns/app:v1");

        Assert.That(lookup.Unknown, Is.EqualTo("no answer within 1 s"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void Nothing_listening_is_unknown()
    {
        var address = $"127.0.0.1:{FreePort.OnLoopback()}";
        using var client = new RegistryClient(address, Credentials);

        Assert.That(client.Manifest($"{address}/ns/app:v1").Unknown, Does.Contain("refused"));
        Assert.That(client.Manifest("127.0.0.1:1/ns/app:v1").Unknown, Is.EqualTo($"not a tag in {address}"));
    }

    [Test]
    public void A_stopped_lane_stops_the_question_instead_of_answering_unknown()
    {
        using var registry = new FakeTokenRegistry(User, Password) { ManifestStatus = 0 };
        using var client = new RegistryClient(registry.Address, Credentials);
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        using var lane = Lane.Enter("py3.6.7", stop.Token);

        Assert.Throws<LaneStoppedException>(() => client.Manifest($"{registry.Address}/ns/app:v1"));
    }

    [Test]
    public void An_OCI_index_with_an_attestation_manifest_is_read_through_to_its_linux_amd64_image_and_its_labels()
    {
        using var registry = new FakeTokenRegistry(User, Password);
        var (config, image, index) = RegistryImages.BuildxIndex(registry, "ns/app", "1.2.3-py3.6.7", new Dictionary<string, string> { ["org.overwatch-build.inputs"] = "abc" });
        using var client = new RegistryClient(registry.Address, Credentials);

        var lookup = client.Manifest($"{registry.Address}/ns/app:1.2.3-py3.6.7");
        var (labels, unknown) = client.Labels($"{registry.Address}/ns/app:1.2.3-py3.6.7", lookup.Manifest!);

        Assert.That(lookup.Unknown, Is.Null, "the index type is in Accept: docker-registry answers 404 without it");
        Assert.That((lookup.Manifest!.MediaType, lookup.Manifest.Digest, lookup.Manifest.ImageDigest, lookup.Manifest.ConfigDigest),
            Is.EqualTo((RegistryManifest.OciIndex, index, image, config)));
        Assert.That(lookup.Holds(index), Is.True, "the containerd store's local ID is the index digest");
        Assert.That(lookup.Holds(config), Is.True, "docker's own store's local ID is the config digest");
        Assert.That(unknown, Is.Null);
        Assert.That(labels, Is.EqualTo(new Dictionary<string, string> { ["org.overwatch-build.inputs"] = "abc" }));
    }

    [Test]
    public void A_Docker_manifest_list_is_read_through_to_its_linux_amd64_image()
    {
        using var registry = new FakeTokenRegistry(User, Password);
        var (config, image, list) = RegistryImages.BuildxIndex(registry, "ns/app", "v1", type: RegistryManifest.DockerList);
        using var client = new RegistryClient(registry.Address, Credentials);

        var manifest = client.Manifest($"{registry.Address}/ns/app:v1").Manifest!;

        Assert.That((manifest.Digest, manifest.ImageDigest, manifest.ConfigDigest), Is.EqualTo((list, image, config)));
        Assert.That(client.Labels($"{registry.Address}/ns/app:v1", manifest).Labels, Is.Empty, "an image without labels");
    }

    [TestCase("404 with the OCI-index error", 404, FakeTokenRegistry.NotAccepted, "registry answered 404 but holds something under the tag (OCI index found, but accept header does not support OCI indexes)")]
    [TestCase("503", 503, """{"errors":[{"code":"UNAVAILABLE"}]}""", "registry answered 503")]
    public void An_answer_that_does_not_say_what_the_tag_holds_is_unknown(string what, int status, string body, string why)
    {
        using var registry = new FakeTokenRegistry(User, Password) { ManifestStatus = status, ManifestError = body };
        using var client = new RegistryClient(registry.Address, Credentials);

        var lookup = client.Manifest($"{registry.Address}/ns/app:v1");

        Assert.That(lookup.IsAbsent, Is.False, what);
        Assert.That(lookup.Unknown, Is.EqualTo(why), what);
    }

    [TestCase("<html>proxy error</html>", "text/html", "a manifest that is not JSON")]
    [TestCase("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:aa","platform":{"os":"linux","architecture":"arm64"}}]}""",
        RegistryManifest.OciIndex, "an image index without a linux/amd64 image (linux/arm64)")]
    public void Garbage_or_an_index_without_our_platform_is_unknown(string body, string type, string why)
    {
        using var registry = new FakeTokenRegistry(User, Password);
        registry.Store("ns/app", "v1", System.Text.Encoding.UTF8.GetBytes(body), type);
        using var client = new RegistryClient(registry.Address, Credentials);

        Assert.That(client.Manifest($"{registry.Address}/ns/app:v1").Unknown, Is.EqualTo(why));
    }

    [Test]
    public void An_index_naming_a_manifest_the_registry_does_not_hold_is_unknown()
    {
        using var registry = new FakeTokenRegistry(User, Password);
        var index = System.Text.Encoding.UTF8.GetBytes("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:3333333333333333333333333333333333333333333333333333333333333333","platform":{"os":"linux","architecture":"amd64"}}]}""");
        registry.Store("ns/app", "v1", index, RegistryManifest.OciIndex);
        using var client = new RegistryClient(registry.Address, Credentials);

        Assert.That(client.Manifest($"{registry.Address}/ns/app:v1").Unknown,
            Is.EqualTo("the index names sha256:3333333333333333333333333333333333333333333333333333333333333333, which the registry does not hold"));
    }

    [TestCase("registry answered 503", true)]
    [TestCase("registry answered 429", true)]
    [TestCase("no answer within 5 s", true)]
    [TestCase("Connection refused (127.0.0.1:5000)", true)]
    [TestCase("Connection reset by peer", true)]
    [TestCase("registry refused the credentials (401 unauthorized)", false)]
    [TestCase("registry answered 403", false)]
    [TestCase("a manifest that is not JSON", false)]
    [TestCase("no credentials", false)]
    public void Only_a_failing_or_silent_registry_is_worth_asking_again(string why, bool transient) =>
        Assert.That(RegistryClient.Transient(why), Is.EqualTo(transient));
}
