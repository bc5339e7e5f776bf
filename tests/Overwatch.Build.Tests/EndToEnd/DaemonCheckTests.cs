using NUnit.Framework;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.EndToEnd;

/// <summary>
/// The image targets run no separate `docker version` first: their first docker query tells a missing image from
/// an unreachable daemon, and the latter ends the run in one line naming DOCKER_HOST, before any login or build.
/// </summary>
[TestFixture, Category("EndToEnd")]
public sealed class DaemonCheckTests
{
    [TestCase("DockerBase")]
    [TestCase("DockerImage")]
    [TestCase("Publish")]
    public void UnreachableDaemon_IsReportedInOneLine(string target)
    {
        RequiredProgram.Find("docker");
        using var images = new FixtureImages();
        using var nowhere = new TempDirectory("owb-nodaemon");

        var result = BuildScript.Run(
            [$"--target={target}", $"--images-config={images.ImagesFile}", "--registry=127.0.0.1:9", "--image-namespace=nodaemon", "--branch=master"],
            new() { ["DOCKER_HOST"] = $"unix://{nowhere.Combine("docker.sock")}", ["DOCKER_USERNAME"] = "u", ["DOCKER_PASSWORD"] = "never-used-pw-3c1" });

        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        // Inside the matrix the line names the version that met it first.
        Assert.That(result.StandardError, Does.Match(@"Error: (py[\d.]+: )?the Docker daemon is not reachable \(Cannot connect to the Docker daemon at unix://" + System.Text.RegularExpressions.Regex.Escape(nowhere.Path)));
        Assert.That(result.StandardError, Does.Contain("point DOCKER_HOST (or DOCKER_CONTEXT) at a running one"));
        Assert.That(result.StandardOutput, Does.Not.Contain("Logging in"));
        Assert.That(result.StandardOutput, Does.Not.Contain("> docker build"));
    }
}
