using NUnit.Framework;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.EndToEnd;

/// <summary>
/// The smoke test on an engine that sees neither this machine's files nor its loopback (as GitLab's docker:dind over
/// tcp, or any remote DOCKER_HOST): ./build.sh --target=SmokeTest with DOCKER_HOST at a dockerd in namespaces of its
/// own builds the stand-in image there and smoke-tests it there; a good image passes, a broken one fails naming why.
/// </summary>
[TestFixture, Category("RealStack"), Category("Engine"), NonParallelizable]
public sealed class IsolatedEngineSmokeTests
{
    private const string Python = "3.11.2";
    private const string ImageLabel = "org.overwatch-build.smoke-image";
    private static readonly IReadOnlyDictionary<string, string?> DefaultEngine = new Dictionary<string, string?> { ["DOCKER_HOST"] = "unix:///var/run/docker.sock" };
    private IsolatedDockerDaemon engine = null!;

    // A closed loopback port: nothing is pulled or pushed (and the isolated engine could not reach ours anyway).
    private readonly string registry = $"127.0.0.1:{FreePort.OnLoopback()}";

    [OneTimeSetUp]
    public void StartTheIsolatedEngine()
    {
        DockerDaemon.Require();
        if (Shell.Run("docker", ["image", "inspect", StandInImage.BaseImage], DefaultEngine).ExitCode != 0)
            RequiredProgram.Unavailable($"the stand-in base image {StandInImage.BaseImage} is missing; build it with .ci/standin-base (run by .ci/setup)");
        engine = new IsolatedDockerDaemon();
    }

    [OneTimeTearDown]
    public void StopTheIsolatedEngine() => engine?.Dispose();

    [Test]
    public void AGoodImage_PassesTheSmokeTestOnTheEngineThatRunsIt()
    {
        using var release = new StandInRelease(registry, "isolatedgood", [Python], engine: engine.Variables);

        var result = SmokeTest(release);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.StandardOutput, Does.Match($@"Smoke test of Python {Python} passed in \d+\.\d s: processing, webApp, nginx running, GET / \(Host: dev.example.org\) answered 200"));
        Assert.That(ContainersOf(release), Is.Empty, "the smoke container is removed");
        Assert.That(Shell.Run("docker", ["image", "inspect", $"{registry}/isolatedgood/overwatch:master-py{Python}"], DefaultEngine).ExitCode,
            Is.Not.EqualTo(0), "built and tested on the isolated engine only");
    }

    [Test]
    public void ABrokenImage_FailsNamingWhyAndLeavesNoContainer()
    {
        using var release = new StandInRelease(registry, "isolatedbroken", [Python], engine: engine.Variables, changeSource: source =>
            File.AppendAllText(Path.Combine(source, "overwatch", "webApp", "run.py"), "\nraise ImportError('the web app cannot start: no module named nowhere')\n"));

        var result = SmokeTest(release);

        Assert.That(result.ExitCode, Is.Not.EqualTo(0), result.ToString());
        Assert.That(result.StandardError, Does.Contain(
            $"Error: smoke test of Python {Python} failed: web app not loaded: uwsgi could not import the web app ('no python application found'): " +
            "ImportError: the web app cannot start: no module named nowhere"), result.ToString());
        Assert.That(ContainersOf(release), Is.Empty, "the smoke container is removed");
    }

    private CommandResult SmokeTest(StandInRelease release) =>
        BuildScript.Run(["--target=SmokeTest", $"--images-config={release.ImagesFile}", $"--registry={registry}", $"--image-namespace={release.Space}", "--branch=master"],
            engine.Variables);

    private IReadOnlyList<string> ContainersOf(StandInRelease release) =>
        engine.Docker("ps", "--all", "--format", "{{.Names}} {{.Label \"" + ImageLabel + "\"}}").StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.Contains($"/{release.Repository}:", StringComparison.Ordinal)).ToList();
}
