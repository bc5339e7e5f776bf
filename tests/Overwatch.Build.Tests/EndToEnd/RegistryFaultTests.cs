using NUnit.Framework;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.EndToEnd;

/// <summary>
/// Publish through a fault-injecting proxy in front of a real docker-registry: transient faults are
/// survived, persistent ones end in one line with a true account of what was pushed, and a release tag
/// never moves. Each test uses its own namespace.
/// </summary>
[TestFixture, Category("EndToEnd"), Category("Engine"), NonParallelizable]
public sealed class RegistryFaultTests() : RegistryFixture("Fault-pa55-never-shown-91c2", "fault-")
{
    [Test]
    public void ThreeTransientFaultsOfDifferentClasses_AreRetriedAndEveryReferenceIsPushed()
    {
        using var proxy = new FaultProxy(registry.Address);
        BuildBase(proxy.Address, "fault-transient");
        proxy.Inject("GET", "^/v2/$", new FaultAction.Status(503), times: 2);
        proxy.Inject("PUT", "/manifests/", new FaultAction.Status(500));
        proxy.Inject("PUT", "/manifests/", new FaultAction.Status(429, RetryAfterSeconds: 1, ErrorCode: "TOOMANYREQUESTS"));
        proxy.Inject("PUT", "/manifests/", new FaultAction.Reset());

        // One version after another, so the three faults meet one push in turn (retry 1, 2, 3 of the same push).
        var result = Publish(proxy.Address, "fault-transient", Master, "--parallel=1");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(proxy.Served, Has.Count.EqualTo(5), "every fault was met: " + string.Join("; ", proxy.Served));
        Assert.That(registry.Tags("fault-transient/overwatch"),
            Is.EqualTo(new[] { "latest-py2.7.15", "latest-py3.6.7", "master-py2.7.15", "master-py3.6.7" }));
        Assert.That(result.StandardOutput, Does.Contain("registry answered 500 (server error); retry 1 of 3"));
        if (TestEngine.Current.ContainerdStore)
        {
            // The containerd store's push meets the 429 without failing (it waits the Retry-After itself): two retries of ours.
            Assert.That(result.StandardOutput, Does.Contain("connection dropped; retry 2 of 3"));
        }
        else
        {
            Assert.That(result.StandardOutput, Does.Contain("registry answered 429 (rate limited); retry 2 of 3"));
            Assert.That(result.StandardOutput, Does.Contain("connection dropped; retry 3 of 3"));
        }
        Assert.That(result.AllOutput, Does.Not.Contain(Password));
    }

    [Test]
    public void PersistentFaultOnTheThirdReference_NamesWhatWasAndWasNotPushed()
    {
        using var proxy = new FaultProxy(registry.Address);
        BuildBase(proxy.Address, "fault-persistent");
        proxy.Inject("PUT", "/manifests/master-py3.6.7$", new FaultAction.Status(500), times: 100);

        // One version after another, so the account is exact: py2.7.15 is done before py3.6.7 starts.
        var result = Publish(proxy.Address, "fault-persistent", Master, "--retries=2", "--parallel=1");

        var repository = $"{proxy.Address}/fault-persistent/overwatch";
        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        Assert.That(result.StandardError, Does.Match(
            $@"Error: py3\.6\.7: docker push of {Escape(repository)}:master-py3\.6\.7 failed: registry answered 500 \(server error\) 3 times over \d+ s"));
        Assert.That(result.StandardError, Does.Contain(
            $"Pushed: {repository}:master-py2.7.15, {repository}:latest-py2.7.15; not pushed: {repository}:master-py3.6.7, {repository}:latest-py3.6.7."));
        Assert.That(registry.Tags("fault-persistent/overwatch"), Is.EqualTo(new[] { "latest-py2.7.15", "master-py2.7.15" }),
            "latest-py3.6.7 never moved ahead of its own tag");
        Assert.That(result.StandardOutput, Does.Contain("Logged out of " + proxy.Address));
    }

    [Test]
    public void ARegistryThatStopsAnswering_IsAbandonedAfterTheStallLimitAndRetried()
    {
        using var proxy = new FaultProxy(registry.Address);
        BuildBase(proxy.Address, "fault-stall", "--python-version=3.6.7");
        proxy.Inject("PUT", "/manifests/", new FaultAction.Hang());

        var result = Publish(proxy.Address, "fault-stall", Master, "--python-version=3.6.7", "--stall-timeout=3");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("no progress for 3 s (stalled); retry 1 of 3"));
        Assert.That(registry.Tags("fault-stall/overwatch"), Is.EqualTo(new[] { "latest-py3.6.7", "master-py3.6.7" }));
    }

    [Test]
    public void DockerImageWithCredentials_BuildsWhileTheRegistryIsDown()
    {
        string address;
        using (var proxy = new FaultProxy(registry.Address))
        {
            address = proxy.Address;
            BuildBase(address, "fault-down", "--python-version=3.6.7");
        }

        var result = BuildScript.Run(Arguments(address, "fault-down", "DockerImage", "--python-version=3.6.7", "--retries=1"), Env(Master, Password));

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        if (TestEngine.Current.BuildKit)
        {
            // BuildKit reads the cache itself, with the run's login (tried, refused: a warning): it only warns when it cannot.
            Assert.That(result.StandardOutput, Does.Contain($"Warning: BuildKit could not read the layer cache of {address}/fault-down/overwatch:latest-py3.6.7 (")
                .And.Contains("connection refused); every step runs again."));
        }
        else
        {
            Assert.That(result.StandardOutput, Does.Contain($"Warning: could not pull {address}/fault-down/overwatch:latest-py3.6.7 to reuse its layers (connection refused"));
            Assert.That(result.StandardOutput, Does.Not.Contain("Logging in"), "nothing is pushed, so no login is needed");
        }
    }

    [Test]
    public void ARefusedPullOfTheBaseImage_SaysSoInsteadOfSendingTheUserToDockerBase()
    {
        var result = BuildScript.Run(Arguments(registry.Address, "fault-auth", "DockerImage", "--python-version=3.6.7"), Env(Master, "Wr0ng-pass-c3d9"));

        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        Assert.That(result.StandardError, Does.Contain(
            $"pull of base image {registry.Address}/fault-auth/overwatch-base:py3.6.7 failed: registry refused the credentials (401 unauthorized); check DOCKER_USERNAME and DOCKER_PASSWORD"));
        Assert.That(result.StandardError, Does.Not.Contain("--target=DockerBase"));
        Assert.That(result.AllOutput, Does.Not.Contain("Wr0ng-pass-c3d9"));
    }

    [Test]
    public void AReleaseTag_IsPushedOnce_ARerunIsANoOp_AndAnotherImageIsRefusedUnlessAllowed()
    {
        const string space = "fault-release";
        BuildBase(registry.Address, space, "--python-version=3.6.7");
        var release = new Dictionary<string, string?>(Env(Tag("v1.2.3"), Password)) { ["SOURCE_DATE_EPOCH"] = "1700000000" };

        var first = BuildScript.Run(Arguments(registry.Address, space, "Publish", "--python-version=3.6.7"), release);
        Assert.That(first.ExitCode, Is.EqualTo(0), first.ToString());
        var published = registry.ManifestDigest($"{space}/overwatch", "1.2.3-py3.6.7");

        var again = BuildScript.Run(Arguments(registry.Address, space, "Publish", "--python-version=3.6.7"), release);
        Assert.That(again.ExitCode, Is.EqualTo(0), again.ToString());
        Assert.That(again.StandardOutput, Does.Contain("[py3.6.7] Up to date in the registry (inputs "));
        Assert.That(again.StandardOutput, Does.Contain($"{registry.Address}/{space}/overwatch:1.2.3-py3.6.7: the registry already holds an image of the current inputs"));

        // Another creation time gives another image under the same release tag.
        release["SOURCE_DATE_EPOCH"] = "1800000000";
        var other = BuildScript.Run(Arguments(registry.Address, space, "Publish", "--python-version=3.6.7"), release);
        Assert.That(other.ExitCode, Is.Not.EqualTo(0));
        Assert.That(other.StandardError, Does.Contain(
            $"release {registry.Address}/{space}/overwatch:1.2.3-py3.6.7 is already published from another image"));
        Assert.That(other.StandardError, Does.Contain("--allow-overwrite"));
        Assert.That(registry.ManifestDigest($"{space}/overwatch", "1.2.3-py3.6.7"), Is.EqualTo(published), "the release tag did not move");

        var allowed = BuildScript.Run(Arguments(registry.Address, space, "Publish", "--python-version=3.6.7", "--allow-overwrite"), release);
        Assert.That(allowed.ExitCode, Is.EqualTo(0), allowed.ToString());
        Assert.That(registry.ManifestDigest($"{space}/overwatch", "1.2.3-py3.6.7"), Is.Not.EqualTo(published));
    }

    [Test]
    public void AReleaseTheRegistryCannotAnswerFor_IsAskedAgain_ThenRefusedInOneLine()
    {
        const string space = "fault-unreadable";
        using var proxy = new FaultProxy(registry.Address);
        BuildBase(proxy.Address, space, "--python-version=3.6.7");
        var release = new Dictionary<string, string?>(Env(Tag("v1.2.3"), Password)) { ["SOURCE_DATE_EPOCH"] = "1700000000" };
        var reference = $"{proxy.Address}/{space}/overwatch:1.2.3-py3.6.7";
        var first = BuildScript.Run(Arguments(proxy.Address, space, "Publish", "--python-version=3.6.7"), release);
        Assert.That(first.ExitCode, Is.EqualTo(0), first.ToString());
        var published = registry.ManifestDigest($"{space}/overwatch", "1.2.3-py3.6.7");

        // Another image for the release, while the registry cannot say what the tag holds.
        release["SOURCE_DATE_EPOCH"] = "1800000000";
        proxy.Inject("HEAD", "/manifests/1.2.3-py3.6.7$", new FaultAction.Status(503), times: 100);
        var refused = BuildScript.Run(Arguments(proxy.Address, space, "Publish", "--python-version=3.6.7", "--retries=1"), release);

        Assert.That(refused.ExitCode, Is.Not.EqualTo(0), refused.ToString());
        Assert.That(refused.StandardOutput, Does.Contain($"{reference}: cannot tell which image the release holds (registry answered 503); retry 1 of 1"));
        Assert.That(refused.StandardError, Does.Contain(
            $"cannot tell which image release {reference} holds (registry answered 503): the release push is refused"));
        Assert.That(refused.StandardOutput, Does.Not.Contain("> docker push"));
        Assert.That(registry.ManifestDigest($"{space}/overwatch", "1.2.3-py3.6.7"), Is.EqualTo(published), "the release tag did not move");
        Assert.That(refused.AllOutput, Does.Not.Contain(Password));
    }

    private static readonly Dictionary<string, string?> Master = new()
    {
        ["TRAVIS"] = "true", ["TRAVIS_BRANCH"] = "master", ["TRAVIS_PULL_REQUEST"] = "false",
    };

    private static Dictionary<string, string?> Tag(string tag) => new()
    {
        ["TRAVIS"] = "true", ["TRAVIS_BRANCH"] = tag, ["TRAVIS_TAG"] = tag, ["TRAVIS_PULL_REQUEST"] = "false",
    };

    private static Dictionary<string, string?> Env(Dictionary<string, string?> ci, string password) =>
        new(ci) { ["DOCKER_USERNAME"] = User, ["DOCKER_PASSWORD"] = password };

    // The busybox fixture images cannot start supervisord: these tests publish them without the smoke test.
    private string[] Arguments(string registryAddress, string space, string target, params string[] extra) =>
        [$"--target={target}", $"--images-config={images.ImagesFile}", $"--registry={registryAddress}", $"--image-namespace={space}",
            $"--artifacts-dir={images.ArtifactsDir}", .. target == "Publish" ? ["--skip-smoke-test"] : Array.Empty<string>(), .. extra];

    private void BuildBase(string registryAddress, string space, params string[] extra)
    {
        var result = BuildScript.Run(Arguments(registryAddress, space, "DockerBase", extra), new Dictionary<string, string?>(Master));
        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
    }

    private CommandResult Publish(string registryAddress, string space, Dictionary<string, string?> ci, params string[] extra) =>
        BuildScript.Run(Arguments(registryAddress, space, "Publish", extra), Env(ci, Password));

    private static string Escape(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
