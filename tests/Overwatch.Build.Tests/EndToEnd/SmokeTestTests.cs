using System.Diagnostics;
using NUnit.Framework;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.EndToEnd;

/// <summary>
/// Publish smoke-tests every built image before any push, through ./build.sh against the real dockerd and a real
/// docker-registry, on the real Debian stand-in: a good image passes and is pushed; a broken one fails with one
/// line naming the version, the check and the reason, pushes nothing and leaves no container behind.
/// </summary>
[TestFixture, Category("RealStack"), Category("Engine"), NonParallelizable]
public sealed class SmokeTestTests
{
    private const string User = "smoke-bot";
    private const string Password = "Smoke-pa55-never-shown-0c4d";
    private const string Good = "3.11.2";
    private const string ImageLabel = "org.overwatch-build.smoke-image";
    private LocalRegistry registry = null!;

    [OneTimeSetUp]
    public void StartRegistry()
    {
        if (Environment.UserName != "root")
            RequiredProgram.Unavailable("the smoke test hands its deployment to the image's user (uid 2143) with chown; run the tests as root");
        DockerDaemon.Require();
        if (Shell.Run("docker", "image", "inspect", StandInImage.BaseImage).ExitCode != 0)
            RequiredProgram.Unavailable($"the stand-in base image {StandInImage.BaseImage} is missing; build it with .ci/standin-base (run by .ci/setup)");
        registry = new LocalRegistry(User, Password);
    }

    [OneTimeTearDown]
    public void StopRegistry() => registry?.Dispose();

    [Test]
    public void AGoodImage_PassesAndIsPushed()
    {
        using var release = new StandInRelease(registry.Address, "good", [Good]);
        using var artifacts = new TempDirectory("owb-artifacts");

        var clock = Stopwatch.StartNew();
        var result = Publish(release, $"--artifacts-dir={artifacts.Path}");
        TestContext.Progress.WriteLine($"smoke: Publish of one good stand-in image took {clock.Elapsed.TotalSeconds:0.0} s; " +
            string.Join("; ", result.StandardOutput.Split('\n').Where(l => l.Contains("passed in") || (l.TrimStart().StartsWith("SmokeTest ") && l.Contains("Succeeded"))).Select(l => l.Trim())));

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.StandardOutput, Does.Match($@"Smoke test of Python {Good} passed in \d+\.\d s: processing, webApp, nginx running, GET / \(Host: dev.example.org\) answered 200"));
        Assert.That(registry.Tags(release.Repository), Is.EqualTo(new[] { $"latest-py{Good}", $"master-py{Good}" }));
        Assert.That(ContainersOf(release), Is.Empty);
        Assert.That(Index(result.StandardOutput, "Smoke test of Python"), Is.LessThan(Index(result.StandardOutput, "> docker push ")), "smoke-tested before the first push");
        Assert.That(SmokeTestsRecorded(artifacts.Path), Is.EqualTo(new[] { $"{Good}: passed" }), "publish.json says so");
    }

    private static IEnumerable<string> SmokeTestsRecorded(string artifacts)
    {
        using var record = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(artifacts, "publish.json")));
        return record.RootElement.GetProperty("images").EnumerateArray()
            .Select(v => $"{v.GetProperty("python").GetString()}: {v.GetProperty("smokeTest").GetString()}").ToList();
    }

    [Test]
    public void AWebAppThatFailsAtImport_FailsTheProgramOrHttpCheckAndPushesNothing()
    {
        using var release = new StandInRelease(registry.Address, "import", [Good], changeSource: source =>
            File.AppendAllText(Path.Combine(source, "overwatch", "webApp", "run.py"), "\nraise ImportError('the web app cannot start: no module named nowhere')\n"));

        var result = Publish(release);

        AssertFailedAndLeftNothing(release, result, $"Error: smoke test of Python {Good} failed: ");
        Assert.That(FailureLine(result), Does.Match(@"failed: (program not running: webApp is (FATAL|EXITED|BACKOFF)|HTTP status: GET http://127\.0\.0\.1:\d+/ \(Host: dev\.example\.org\) answered 500)"));
        Assert.That(result.StandardError, Does.Contain("the web app cannot start: no module named nowhere"), "the container's last log lines follow");
    }

    [Test]
    public void AWrongStartCommand_FailsAsProgramNotRunningAndPushesNothing()
    {
        // The defect that started it: a start command naming a config file nothing writes.
        using var release = new StandInRelease(registry.Address, "start", [Good],
            startCommand: "#!/bin/sh\nexec supervisord -n -c /opt/overwatch/supervisord.conf\n");

        var result = Publish(release);

        AssertFailedAndLeftNothing(release, result,
            $"Error: smoke test of Python {Good} failed: program not running: the container stopped with exit status 2 before its programs ran");
        Assert.That(result.StandardError, Does.Contain("/opt/overwatch/supervisord.conf"), "supervisord's complaint follows");
    }

    [Test]
    public void AWebAppThatNeverAnswers_FailsOnTheTimeLimitAndPushesNothing()
    {
        using var release = new StandInRelease(registry.Address, "silent", [Good], timeLimit: 8, changeSource: source =>
        {
            var app = Path.Combine(source, "overwatch", "webApp", "run.py");
            File.WriteAllText(app, File.ReadAllText(app).Replace("    commit = os.environ", "    import time\n    time.sleep(3600)\n    commit = os.environ"));
        });

        var clock = Stopwatch.StartNew();
        var result = Publish(release);

        AssertFailedAndLeftNothing(release, result,
            $"Error: smoke test of Python {Good} failed: time-out: GET http://127.0.0.1:");
        Assert.That(FailureLine(result), Does.Match(@"\(Host: dev\.example\.org\) gave no answer within 8 s \(the last request waited \d+(\.\d)? s\)$"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)));
    }

    [Test]
    public void OneFailingVersion_StopsThePushOfEveryVersion()
    {
        const string broken = "3.9.2";
        using var artifacts = new TempDirectory("owb-artifacts");
        using var release = new StandInRelease(registry.Address, "allornone", [Good, broken], dockerfileTail: $"""

            ARG PYTHON_VERSION
            RUN if [ "$PYTHON_VERSION" = "{broken}" ]; then echo "raise ImportError('broken on {broken} only')" >> overwatch/webApp/run.py; fi
            """);

        var result = Publish(release, $"--artifacts-dir={artifacts.Path}");

        Assert.That(result.ExitCode, Is.Not.EqualTo(0), result.ToString());
        Assert.That(SmokeTestsRecorded(artifacts.Path), Does.Contain($"{Good}: passed"));
        Assert.That(SmokeTestsRecorded(artifacts.Path).Single(v => v.StartsWith(broken)), Does.StartWith($"{broken}: failed: smoke test of Python {broken} failed"));
        Assert.That(result.StandardOutput, Does.Contain($"Smoke test of Python {Good} passed"));
        Assert.That(result.StandardError, Does.Contain($"smoke test of Python {broken} failed: "));
        Assert.That(result.StandardError, Does.Contain($"Nothing is pushed: every version must pass (smoke-tested: {Good} yes, {broken} no)."));
        Assert.That(registry.Tags(release.Repository), Is.Empty);
        Assert.That(ContainersOf(release), Is.Empty);
    }

    [Test]
    public void SkipSmokeTest_PushesAndSaysTheImagesWereNotSmokeTested()
    {
        using var release = new StandInRelease(registry.Address, "skipped", [Good],
            startCommand: "#!/bin/sh\nexit 1\n");

        var result = Publish(release, "--skip-smoke-test");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.StandardOutput, Does.Contain($"Warning: --skip-smoke-test: the images of Python {Good} are NOT smoke-tested"));
        Assert.That(result.StandardOutput, Does.Contain($"Warning: the pushed images were not smoke-tested (--skip-smoke-test; smoke-tested: {Good} skipped)."));
        Assert.That(registry.Tags(release.Repository), Is.EqualTo(new[] { $"latest-py{Good}", $"master-py{Good}" }));
    }

    [Test]
    public void AnImagesFileWithoutSmoke_FailsInOneLineAndPushesNothing()
    {
        using var release = new StandInRelease(registry.Address, "nosmoke", [Good], smoke: false);

        var result = Publish(release);

        Assert.That(result.ExitCode, Is.Not.EqualTo(0), result.ToString());
        Assert.That(result.StandardError, Does.Contain(
            "Error: the images file names no smoke deployment, so the images cannot be smoke-tested before a push: add smoke: {deployConfig, host} to it (see docker/images.yaml), or pass --skip-smoke-test"));
        Assert.That(registry.Tags(release.Repository), Is.Empty);
    }

    [Test]
    public void DryRun_ShowsTheSmokeStepBeforeThePush()
    {
        using var release = new StandInRelease(registry.Address, "dry", [Good]);

        var result = Publish(release, "--dryrun");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(Index(result.StandardOutput, "SmokeTest"), Is.GreaterThan(Index(result.StandardOutput, "DockerImage")));
        Assert.That(Index(result.StandardOutput, "SmokeTest"), Is.LessThan(Index(result.StandardOutput, "Push")));
        Assert.That(ContainersOf(release), Is.Empty);
    }

    [TestCase("TERM", 143)]
    [TestCase("INT", 130)]
    public void ASignalDuringTheSmokeTest_LeavesNothingRunning(string signal, int exitCode)
    {
        using var release = new StandInRelease(registry.Address, $"signal-{signal.ToLowerInvariant()}", [Good], timeLimit: 120, changeSource: source =>
        {
            var app = Path.Combine(source, "overwatch", "webApp", "run.py");
            File.WriteAllText(app, File.ReadAllText(app).Replace("    commit = os.environ", "    import time\n    time.sleep(3600)\n    commit = os.environ"));
        });
        var smokeDirectories = SmokeDirectories();
        using var run = RunningBuild.Start(PublishArguments(release), Credentials());
        var deadline = Stopwatch.StartNew();
        while (ContainersOf(release).Count == 0)
        {
            if (run.Process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(120)) Assert.Fail("no smoke container was started: " + run.Output);
            Thread.Sleep(100);
        }
        Thread.Sleep(1000);

        Shell.Run("kill", $"-{signal}", run.Process.Id.ToString());

        Assert.That(run.Process.WaitForExit(30_000), Is.True, $"build.sh still running 30 s after SIG{signal}");
        run.Process.WaitForExit(); // with a time-out it does not wait for the output to be read to its end
        Assert.That(run.Process.ExitCode, Is.EqualTo(exitCode), run.Output);
        Assert.That(run.Output, Does.Contain($"interrupted by SIG{signal}"));
        Assert.That(ContainersOf(release), Is.Empty, "the smoke container is removed");
        Assert.That(SmokeDirectories().Except(smokeDirectories), Is.Empty, "the smoke deployment's temp directory is removed");
        Assert.That(registry.Tags(release.Repository), Is.Empty);
    }

    private void AssertFailedAndLeftNothing(StandInRelease release, CommandResult result, string line)
    {
        Assert.That(result.ExitCode, Is.Not.EqualTo(0), result.ToString());
        Assert.That(result.StandardError, Does.Contain(line), result.ToString());
        Assert.That(result.StandardError, Does.Contain("last 30 lines of docker logs overwatch-smoke-py"));
        Assert.That(result.StandardOutput, Does.Not.Contain("> docker push "));
        Assert.That(registry.Tags(release.Repository), Is.Empty, "nothing is pushed");
        Assert.That(ContainersOf(release), Is.Empty, "the smoke container is removed");
        Assert.That(result.AllOutput, Does.Not.Contain(Password));
    }

    private static string FailureLine(CommandResult result) =>
        result.StandardError.Split('\n').First(l => l.Contains("smoke test of Python", StringComparison.Ordinal)).Trim();

    private static int Index(string text, string part)
    {
        var index = text.IndexOf(part, StringComparison.Ordinal);
        Assert.That(index, Is.GreaterThanOrEqualTo(0), $"'{part}' not in the output:{Environment.NewLine}{text}");
        return index;
    }

    /// <summary>Containers, running or not, of the release's images (the smoke test labels each with its image).</summary>
    private static IReadOnlyList<string> ContainersOf(StandInRelease release) =>
        Shell.Run("docker", "ps", "--all", "--format", "{{.Names}} {{.Label \"" + ImageLabel + "\"}}").StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.Contains($"/{release.Repository}:", StringComparison.Ordinal)).ToList();

    private static string[] SmokeDirectories() => Directory.GetDirectories(Path.GetTempPath(), "overwatch-smoke-py*");

    private CommandResult Publish(StandInRelease release, params string[] extra) =>
        BuildScript.Run([.. PublishArguments(release), .. extra], Credentials());

    private string[] PublishArguments(StandInRelease release) =>
        ["--target=Publish", $"--images-config={release.ImagesFile}", $"--registry={registry.Address}", $"--image-namespace={release.Space}", "--branch=master"];

    private static Dictionary<string, string?> Credentials() => new() { ["DOCKER_USERNAME"] = User, ["DOCKER_PASSWORD"] = Password };
}
