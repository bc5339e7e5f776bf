using NUnit.Framework;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.EndToEnd;

/// <summary>
/// A CI runner starts with nothing local: after a Publish, an app-only change rebuilt on a fresh engine reuses every
/// step before the change from the registry, on every engine (BuildKit through the pushed images' inline cache,
/// imported with the run's login; the legacy builder through the pulled previous image), and a failing step is
/// reported with the step and its last lines. The app Dockerfile has a dependency step (RUN) before the source copy,
/// as the real image's pip, bower and CMake steps are; it writes a random UUID, which tells a reused step from a rerun.
/// </summary>
[TestFixture, Category("EndToEnd"), Category("Engine"), NonParallelizable]
public sealed class FreshRunnerLayerReuseTests() : RegistryFixture("Fresh-pa55-never-shown-41c7")
{
    private const string Python = "3.6.7";

    [Test]
    public void AnAppChangeOnAFreshRunner_RerunsNoStepBeforeTheChange_AndPullsNoPreviousImageUnderBuildKit()
    {
        var token = $"deps{Guid.NewGuid():N}"[..16];
        var space = "fresh-" + token;
        var config = AppDockerfile("Dockerfile.deps", $"""
            RUN busybox mkdir -p /opt && busybox cat /proc/sys/kernel/random/uuid > /opt/dependencies.stamp && echo "dependencies {token} in""stalled"
            ARG OVERWATCH_COMMIT
            COPY app.txt /opt/overwatch/app.txt
            """);
        Succeeds(Run(config, space, "PublishBase"));
        var first = Run(config, space, "Publish", "--skip-smoke-test");
        Succeeds(first);
        Assert.That(first.StandardOutput, Does.Contain($"dependencies {token} installed"), "the first build runs the dependency step");
        var app = $"{registry.Address}/{space}/overwatch:master-py{Python}";
        var stamp = Read(app, "/opt/dependencies.stamp");
        FreshRunner.Forget($"{registry.Address}/{space}/", token);
        Assert.That(Shell.Run("docker", "image", "inspect", app).ExitCode, Is.Not.EqualTo(0), "the fresh runner has no image of the test");
        File.AppendAllText(Path.Combine(images.Directory, "app.txt"), $"changed {token}\n");

        var rebuilt = Run(config, space, "Publish", "--skip-smoke-test");

        Succeeds(rebuilt);
        Assert.That(rebuilt.AllOutput, Does.Not.Contain("401 Unauthorized"), "the cache import had the run's login");
        Assert.That(Read(app, "/opt/overwatch/app.txt"), Does.Contain($"changed {token}"), "the change is built");
        Assert.That(Read(app, "/opt/dependencies.stamp"), Is.EqualTo(stamp), "the dependency step was reused, not run again");
        Assert.That(rebuilt.StandardOutput, Does.Not.Contain($"dependencies {token} installed"), "no output of the dependency step (its text in the log has in\"\"stalled)");
        Assert.That(rebuilt.AllOutput, Does.Not.Contain(Password));
        // The next change on the same runner (warm) reuses the step too.
        File.AppendAllText(Path.Combine(images.Directory, "app.txt"), $"changed again {token}\n");
        var warm = Run(config, space, "Publish", "--skip-smoke-test");
        Succeeds(warm);
        Assert.That(Read(app, "/opt/overwatch/app.txt"), Does.Contain($"changed again {token}"));
        Assert.That(Read(app, "/opt/dependencies.stamp"), Is.EqualTo(stamp), "the dependency step was reused on the warm runner too");
        if (TestEngine.Current.BuildKit)
        {
            Assert.That(rebuilt.StandardOutput, Does.Contain("builder: BuildKit ("));
            Assert.That(rebuilt.StandardOutput, Does.Not.Contain($"> docker pull {registry.Address}/{space}/overwatch:"), "the previous image is not pulled whole");
        }
        else
        {
            Assert.That(rebuilt.StandardOutput, Does.Contain("builder: legacy ("));
        }
    }

    [Test]
    public void AFailingStep_IsReportedWithTheStepAndItsLastLines()
    {
        var token = $"fail{Guid.NewGuid():N}"[..16];
        var space = "fresh-" + token;
        var config = AppDockerfile("Dockerfile.failing", $"""
            RUN for part in 1 2 3 4 5 6 7 8 9 10 11 12; do echo "compiling {token} part $part"; done; echo "error: dependency pyfoo==1.2 not found" >&2; exit 3
            COPY app.txt /opt/overwatch/app.txt
            """);
        Succeeds(Run(config, space, "DockerBase"));

        var failed = Run(config, space, "DockerImage");

        Assert.That(failed.ExitCode, Is.Not.EqualTo(0), failed.ToString());
        var report = failed.StandardError;
        Assert.That(report, Does.Contain($"docker build of {registry.Address}/{space}/overwatch:latest-py{Python} failed (exit code "));
        Assert.That(report, Does.Contain("error: dependency pyfoo==1.2 not found"), "the step's last line");
        Assert.That(report, Does.Contain($"compiling {token} part 12"), "the lines before it");
        Assert.That(report, TestEngine.Current.BuildKit
            ? Does.Match(@"failed \(exit code 1\) at step \[\d+/\d+\] RUN for part in .*: the command exited with code 3")
            : Does.Contain("returned a non-zero code: 3"));
        Assert.That(report, Does.Not.Contain(">>> RUN"), "the step's lines, not the Dockerfile excerpt");
    }

    /// <summary>An images file whose app Dockerfile is the fixture base's, then <paramref name="steps"/>.</summary>
    private string AppDockerfile(string name, string steps)
    {
        File.WriteAllText(Path.Combine(images.Directory, name), $"ARG BASE_IMAGE\nFROM ${{BASE_IMAGE}}\nARG PYTHON_VERSION\n{steps}\n");
        var config = Path.Combine(images.Directory, $"images-{name}.yaml");
        File.WriteAllText(config, File.ReadAllText(images.ImagesFile).Replace("dockerfile: Dockerfile\n", $"dockerfile: {name}\n"));
        return config;
    }

    private static string Read(string image, string path)
    {
        // Seen once on a loaded Engine 26: exit 0 and no output (the attach lost the container's lines); asked again.
        for (var attempt = 1; ; attempt++)
        {
            var cat = Shell.Run("docker", "run", "--rm", "--network=none", image, "busybox", "cat", path);
            Assert.That(cat.ExitCode, Is.EqualTo(0), cat.ToString());
            if (cat.StandardOutput.Length > 0 || attempt == 3) return cat.StandardOutput;
        }
    }

    private static void Succeeds(CommandResult result) => Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());

    private CommandResult Run(string config, string space, string target, params string[] extra) =>
        BuildScript.Run(
            [$"--target={target}", $"--images-config={config}", $"--registry={registry.Address}", $"--image-namespace={space}",
                $"--python-version={Python}", $"--artifacts-dir={images.ArtifactsDir}", .. extra],
            new Dictionary<string, string?>
            {
                ["TRAVIS"] = "true", ["TRAVIS_BRANCH"] = "master", ["TRAVIS_PULL_REQUEST"] = "false",
                ["DOCKER_USERNAME"] = User, ["DOCKER_PASSWORD"] = Password,
            });
}
