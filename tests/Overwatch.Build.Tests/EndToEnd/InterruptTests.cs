using System.Diagnostics;
using NUnit.Framework;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.EndToEnd;

/// <summary>
/// A signal in the middle of a push (the registry stops answering, so the push is surely running):
/// the run ends within seconds, its docker child with it, and no temporary login stays on disk.
/// </summary>
[TestFixture, Category("EndToEnd"), NonParallelizable]
public sealed class InterruptTests() : RegistryFixture("Signal-pa55-never-shown-5e1b", "signal-")
{
    [TestCase("TERM", "build.sh", 143)]
    [TestCase("INT", "build.sh", 130)]
    [TestCase("HUP", "build.sh", 129)]
    [TestCase("TERM", "group", 143)]
    [TestCase("INT", "group", 130)]
    [TestCase("TERM", "cake", 143)]
    [TestCase("INT", "cake", 130)]
    [TestCase("HUP", "cake", 129)]
    public void ASignalDuringAPush_EndsTheRunAndRemovesTheLogin(string signal, string receiver, int exitCode)
    {
        using var proxy = new FaultProxy(registry.Address);
        var space = $"signal-{signal.ToLowerInvariant()}-{receiver.Replace(".", "")}";
        using var tmp = new TempDirectory("owb-tmp");
        using var run = StartHungPublish(proxy, space, tmp.Path);
        var login = TemporaryDockerConfigs(tmp.Path).Single();
        // The login directory is named after the Cake process that made it.
        var cake = Path.GetFileName(login).Split('-')[3];

        Shell.Run("kill", $"-{signal}", "--", receiver switch
        {
            "cake" => cake,
            "group" => "-" + run.Process.Id,
            _ => run.Process.Id.ToString(),
        });

        Assert.That(run.Process.WaitForExit(15_000), Is.True, $"build.sh still running 15 s after SIG{signal}");
        Assert.That(run.Process.ExitCode, Is.EqualTo(exitCode), run.Output);
        Assert.That(run.Output, Does.Contain($"interrupted by SIG{signal}"));
        Assert.That(TemporaryDockerConfigs(tmp.Path), Is.Empty, "the temporary DOCKER_CONFIG is removed");
        Assert.That(DockerPushesOf(proxy.Address), Is.Empty, "the docker push child was stopped");
        Assert.That(run.Output, Does.Not.Contain(Password));
    }

    [Test]
    public void ALoginLeftByAKilledRun_IsRemovedByTheNextRun()
    {
        using var proxy = new FaultProxy(registry.Address);
        using var tmp = new TempDirectory("owb-tmp");
        using var run = StartHungPublish(proxy, "signal-kill", tmp.Path);
        var login = TemporaryDockerConfigs(tmp.Path).Single();
        var cake = Path.GetFileName(login).Split('-')[3];

        Shell.Run("kill", "-KILL", cake);
        Assert.That(run.Process.WaitForExit(15_000), Is.True);
        Assert.That(Directory.Exists(login), Is.True, "SIGKILL cannot be handled: the login stays");

        var next = BuildScript.Run(["--target=Plan", $"--images-config={images.ImagesFile}", "--branch=master", "--python-version=3.6.7", $"--artifacts-dir={tmp.Path}"],
            new Dictionary<string, string?> { ["TMPDIR"] = tmp.Path });

        Assert.That(next.ExitCode, Is.EqualTo(0), next.ToString());
        Assert.That(next.StandardOutput, Does.Contain("Removed 1 temporary docker login(s) left by an earlier run that was killed."));
        Assert.That(Directory.Exists(login), Is.False);
    }

    [Test]
    public void ASignalDuringShell_RemovesItsContainer()
    {
        string[] arguments = [$"--images-config={images.ImagesFile}", $"--registry={registry.Address}", "--image-namespace=signal-shell",
            "--python-version=3.6.7", "--branch=master", "--retries=0"];
        foreach (var target in new[] { "DockerBase", "DockerImage" })
        {
            var built = BuildScript.Run([$"--target={target}", .. arguments]);
            Assert.That(built.ExitCode, Is.EqualTo(0), built.ToString());
        }
        using var work = new TempDirectory("owb-shell");
        using var run = RunningBuild.Start(["--target=Shell", .. arguments.SkipLast(1), "--command=/bin/busybox sleep 120",
            $"--exec-dir={work.Combine("exec")}", $"--data-dir={work.Combine("data")}"], []);
        var container = Poll.Until("the Shell container to start", () => Containers("overwatch-shell-").FirstOrDefault(), name => name is not null,
            TimeSpan.FromSeconds(60), () => run.Process.HasExited ? "build.sh exited: " + run.Output : null)!;

        Shell.Run("kill", "-INT", run.Process.Id.ToString());

        Assert.That(run.Process.WaitForExit(15_000), Is.True, "build.sh still running 15 s after SIGINT");
        Assert.That(run.Process.ExitCode, Is.EqualTo(130), run.Output);
        Assert.That(Containers(container), Is.Empty, "the container was removed, not left running");
    }

    private static string[] Containers(string namePrefix) =>
        Shell.Run("docker", "ps", "--all", "--filter", $"name={namePrefix}", "--format", "{{.Names}}").StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <param name="tmp">The run's TMPDIR, where its temporary login is made: this test's own, so other runs' logins do not count.</param>
    private RunningBuild StartHungPublish(FaultProxy proxy, string space, string tmp)
    {
        var arguments = new[] { $"--images-config={images.ImagesFile}", $"--registry={proxy.Address}", $"--image-namespace={space}", "--python-version=3.6.7", "--branch=master", $"--artifacts-dir={images.ArtifactsDir}" };
        var baseBuild = BuildScript.Run(["--target=DockerBase", .. arguments]);
        Assert.That(baseBuild.ExitCode, Is.EqualTo(0), baseBuild.ToString());
        proxy.Inject("PUT", "/manifests/", new FaultAction.Hang());

        var run = RunningBuild.Start(["--target=Publish", "--skip-smoke-test", .. arguments],
            new Dictionary<string, string?> { ["DOCKER_USERNAME"] = User, ["DOCKER_PASSWORD"] = Password, ["TMPDIR"] = tmp });
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!proxy.Served.Any(s => s.Contains("no answer", StringComparison.Ordinal)))
        {
            if (run.Process.HasExited || DateTime.UtcNow > deadline)
                Assert.Fail("the push never reached the registry: " + run.Output);
            Thread.Sleep(100);
        }
        return run;
    }

    private static string[] TemporaryDockerConfigs(string tmp) =>
        Directory.GetDirectories(tmp, "overwatch-docker-config-*");

    private static string[] DockerPushesOf(string address) =>
        Shell.Run("pgrep", "-af", $"docker push {address}").StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
