using System.Text.Json;
using System.Text.RegularExpressions;
using NUnit.Framework;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.EndToEnd;

/// <summary>
/// Publish asks the registry before it pushes: a tag that already holds the image is not pushed, a version's
/// second tag is made in the registry from the first one's manifest, and whatever the registry cannot answer
/// ends in a `docker push` as before. Through a proxy that logs every request the real docker-registry gets.
/// </summary>
[TestFixture, Category("EndToEnd"), Category("Engine"), NonParallelizable]
public sealed class RegistryReuseTests() : RegistryFixture("Reuse-pa55-never-shown-5e8b", "reuse-")
{
    [Test]
    public void ASecondPublishOfTheSameImages_PushesNothing_AndTheRecordSaysWhy()
    {
        using var proxy = new FaultProxy(registry.Address);
        BuildBase(proxy.Address, "reuse-warm");
        PublishOnce(proxy.Address, "reuse-warm");
        var before = proxy.Requests.Count;

        var again = Publish(proxy.Address, "reuse-warm");

        Assert.That(again.ExitCode, Is.EqualTo(0), again.ToString());
        Assert.That(Writes(proxy.Requests.Skip(before)), Is.Empty, "no manifest PUT, no blob upload");
        Assert.That(proxy.Requests.Skip(before).Count(r => r.StartsWith("GET ", StringComparison.Ordinal) && r.Contains("/manifests/", StringComparison.Ordinal)),
            Is.EqualTo(TestEngine.Current.ContainerdStore ? 6 : 4),
            "one manifest GET per app image (its tags share it: Docker Hub counts GETs as pulls) and one per base; under the " +
            "containerd store an app tag holds an image index, whose linux/amd64 manifest (the labels' way) is one GET more");
        Assert.That(DockerPushes(again), Is.Empty);
        Assert.That(again.StandardOutput, Does.Contain($"{proxy.Address}/reuse-warm/overwatch:latest-py3.6.7: the registry already holds an image of the current inputs"));
        var references = PublishedReferences();
        Assert.That(references, Has.Count.EqualTo(4));
        foreach (var reference in references)
        {
            Assert.That(reference.GetProperty("status").GetString(), Is.EqualTo("skipped"));
            Assert.That(reference.GetProperty("reason").GetString(),
                Is.EqualTo("the registry already holds an image of the current inputs: nothing pulled, built, smoke-tested or pushed"));
            var tag = reference.GetProperty("reference").GetString()!.Split(':')[^1];
            Assert.That(reference.GetProperty("digest").GetString(), Is.EqualTo(registry.ManifestDigest("reuse-warm/overwatch", tag)));
        }
        Assert.That(again.AllOutput, Does.Not.Contain(Password));
    }

    [Test]
    public void TheSecondTagOfAVersion_IsMadeInTheRegistry_NotPushedAgain()
    {
        BuildBase(registry.Address, "reuse-tag");

        var result = Publish(registry.Address, "reuse-tag");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        var repository = $"{registry.Address}/reuse-tag/overwatch";
        Assert.That(DockerPushes(result).Order(), Is.EqualTo(new[] { $"{repository}:master-py2.7.15", $"{repository}:master-py3.6.7" }),
            "one docker push per version, its own tag first");
        foreach (var python in new[] { "2.7.15", "3.6.7" })
        {
            var digest = registry.ManifestDigest("reuse-tag/overwatch", $"master-py{python}");
            Assert.That(registry.ManifestDigest("reuse-tag/overwatch", $"latest-py{python}"), Is.EqualTo(digest));
            Assert.That(result.StandardOutput, Does.Contain($"Pushed {repository}:latest-py{python} by tagging {digest} in the registry."));
        }
        Assert.That(PublishedReferences().Select(r => r.GetProperty("status").GetString()), Is.All.EqualTo("pushed"));
        Assert.That(PublishedReferences().Select(r => r.GetProperty("digest").GetString()), Is.All.StartWith("sha256:"));
    }

    [Test]
    public void ATagSomeoneMovedToAnotherImage_IsPutBack_AndNothingElseIsWritten()
    {
        using var proxy = new FaultProxy(registry.Address);
        BuildBase(proxy.Address, "reuse-moved");
        PublishOnce(proxy.Address, "reuse-moved");
        registry.CopyTag("reuse-moved/overwatch", "master-py2.7.15", "latest-py3.6.7");
        var before = proxy.Requests.Count;

        var again = Publish(proxy.Address, "reuse-moved");

        Assert.That(again.ExitCode, Is.EqualTo(0), again.ToString());
        Assert.That(Writes(proxy.Requests.Skip(before)), Is.EqualTo(new[] { "PUT /v2/reuse-moved/overwatch/manifests/latest-py3.6.7" }));
        Assert.That(registry.ManifestDigest("reuse-moved/overwatch", "latest-py3.6.7"),
            Is.EqualTo(registry.ManifestDigest("reuse-moved/overwatch", "master-py3.6.7")));
        var moved = PublishedReferences().Single(r => r.GetProperty("reference").GetString()!.EndsWith(":latest-py3.6.7", StringComparison.Ordinal));
        Assert.That(moved.GetProperty("status").GetString(), Is.EqualTo("pushed"));
    }

    [Test]
    public void ARegistryAnswering500ToManifestLookups_StillEndsInACorrectPush()
    {
        using var proxy = new FaultProxy(registry.Address);
        BuildBase(proxy.Address, "reuse-500");
        PublishOnce(proxy.Address, "reuse-500");
        registry.CopyTag("reuse-500/overwatch", "master-py2.7.15", "latest-py3.6.7");
        proxy.Inject("GET", "/manifests/", new FaultAction.Status(500), times: 1000);

        var again = Publish(proxy.Address, "reuse-500");

        Assert.That(again.ExitCode, Is.EqualTo(0), again.ToString());
        Assert.That(proxy.Served, Has.Some.StartWith("GET /v2/reuse-500/overwatch/manifests/"), "the registry was asked");
        Assert.That(DockerPushes(again), Has.Count.EqualTo(4), "what the registry did not answer is pushed as before");
        Assert.That(registry.ManifestDigest("reuse-500/overwatch", "latest-py3.6.7"),
            Is.EqualTo(registry.ManifestDigest("reuse-500/overwatch", "master-py3.6.7")));
        Assert.That(PublishedReferences().Select(r => r.GetProperty("status").GetString()), Is.All.EqualTo("pushed"));
    }

    [Test]
    public void ATagTheRegistryRefusesToMake_IsPushedWithDocker()
    {
        using var proxy = new FaultProxy(registry.Address);
        BuildBase(proxy.Address, "reuse-refused");
        proxy.Inject("PUT", "/manifests/latest-py3.6.7$", new FaultAction.Status(500));

        var result = Publish(proxy.Address, "reuse-refused");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        var repository = $"{proxy.Address}/reuse-refused/overwatch";
        Assert.That(result.StandardOutput, Does.Contain($"Could not tag {repository}:latest-py3.6.7 in the registry (registry answered 500): pushing it with docker."));
        Assert.That(DockerPushes(result).Order(), Is.EqualTo(new[] { $"{repository}:latest-py3.6.7", $"{repository}:master-py2.7.15", $"{repository}:master-py3.6.7" }));
        Assert.That(registry.ManifestDigest("reuse-refused/overwatch", "latest-py3.6.7"),
            Is.EqualTo(registry.ManifestDigest("reuse-refused/overwatch", "master-py3.6.7")));
    }

    private static List<string> Writes(IEnumerable<string> requests) =>
        requests.Where(r => r.StartsWith("PUT ", StringComparison.Ordinal) || r.StartsWith("POST ", StringComparison.Ordinal)
            || r.StartsWith("PATCH ", StringComparison.Ordinal)).ToList();

    private static List<string> DockerPushes(CommandResult result) =>
        Regex.Matches(result.StandardOutput, @"> docker push (\S+)").Select(m => m.Groups[1].Value).ToList();

    private List<JsonElement> PublishedReferences()
    {
        using var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(images.ArtifactsDir, "publish.json")));
        return record.RootElement.GetProperty("images").EnumerateArray()
            .SelectMany(i => i.GetProperty("references").EnumerateArray()).Select(r => r.Clone()).ToList();
    }

    private static readonly Dictionary<string, string?> Master = new()
    {
        ["TRAVIS"] = "true", ["TRAVIS_BRANCH"] = "master", ["TRAVIS_PULL_REQUEST"] = "false",
    };

    // The busybox fixture images cannot start supervisord: these tests publish them without the smoke test.
    private string[] Arguments(string registryAddress, string space, string target) =>
        [$"--target={target}", $"--images-config={images.ImagesFile}", $"--registry={registryAddress}", $"--image-namespace={space}",
            $"--artifacts-dir={images.ArtifactsDir}", .. target == "Publish" ? ["--skip-smoke-test"] : Array.Empty<string>()];

    private void BuildBase(string registryAddress, string space)
    {
        var result = BuildScript.Run(Arguments(registryAddress, space, "DockerBase"), new Dictionary<string, string?>(Master));
        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
    }

    private void PublishOnce(string registryAddress, string space)
    {
        var result = Publish(registryAddress, space);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
    }

    private CommandResult Publish(string registryAddress, string space) =>
        BuildScript.Run(Arguments(registryAddress, space, "Publish"),
            new Dictionary<string, string?>(Master) { ["DOCKER_USERNAME"] = User, ["DOCKER_PASSWORD"] = Password });
}
