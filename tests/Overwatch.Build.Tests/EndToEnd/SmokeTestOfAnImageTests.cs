using NUnit.Framework;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.EndToEnd;

/// <summary>
/// SmokeTest --image tests an existing image (a kit image under a name of its own) as it is, without building the
/// planned one; --deploy-config starts it on another smoke YAML. Real dockerd, the real Debian stand-in.
/// </summary>
[TestFixture, Category("RealStack"), NonParallelizable]
public sealed class SmokeTestOfAnImageTests
{
    private StandInImage standIn = null!;
    private string kit = null!;
    private string imagesFile = null!;

    [OneTimeSetUp]
    public void BuildAKitImage()
    {
        if (Environment.UserName != "root")
            RequiredProgram.Unavailable("the smoke test hands its deployment to the image's user (uid 2143) with chown; run the tests as root");
        standIn = new StandInImage();
        standIn.Commit("stand-in");
        var (result, _) = standIn.Build();
        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        // The kit image has a name of its own; the planned reference is gone, so only --image can find it.
        kit = $"owb-kit-{Guid.NewGuid():N}"[..20] + ":py" + StandInImage.Python;
        Shell.Run("docker", "tag", standIn.Reference, kit);
        Shell.Run("docker", "rmi", standIn.Reference);
        imagesFile = Path.Combine(Path.GetDirectoryName(standIn.ImagesConfig)!, "images-smoke.yaml");
        File.WriteAllText(imagesFile, File.ReadAllText(standIn.ImagesConfig) + $"""

            smoke:
              deployConfig: {Path.Combine(StandInImage.Fixture, "smoke-deploy.yaml")}
              host: dev.example.org
              timeLimit: 60
            """);
    }

    [OneTimeTearDown]
    public void RemoveTheKitImage()
    {
        if (kit is not null) Shell.Run("docker", "rmi", "--force", kit);
        standIn?.Dispose();
    }

    [Test]
    public void TheNamedImage_IsSmokeTested_AndNothingIsBuilt()
    {
        var result = SmokeTest($"--image={kit}");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.StandardOutput, Does.Contain($"Not building: --image names the image to use, so nothing is built ({kit})."));
        Assert.That(result.StandardOutput, Does.Contain($"starting {kit} as overwatch-smoke-py{StandInImage.Python}-"));
        Assert.That(result.StandardOutput, Does.Match($@"Smoke test of Python {StandInImage.Python} passed in \d+\.\d s"));
        Assert.That(result.StandardOutput, Does.Not.Contain("docker build"));
        Assert.That(Shell.Run("docker", "image", "inspect", standIn.Reference).ExitCode, Is.Not.EqualTo(0), "the planned image was built");
    }

    [Test]
    public void AnotherSmokeYaml_IsTheOneTheImageStartsOn()
    {
        using var yaml = new TempDirectory("owb-smoke-yaml");
        var other = yaml.Combine("other-smoke.yaml");
        File.WriteAllText(other, File.ReadAllText(Path.Combine(StandInImage.Fixture, "smoke-deploy.yaml"))
            .Replace("listen: !expandVars \"127.0.0.1:${OVERWATCH_SMOKE_HTTP_PORT}\"", "listen: \"127.0.0.1:1\""));

        var result = SmokeTest($"--image={kit}", $"--deploy-config={other}");

        Assert.That(result.ExitCode, Is.Not.EqualTo(0), result.ToString());
        Assert.That(result.StandardError, Does.Contain($"Error: the smoke deploy YAML {other} must serve the web app through nginx on the port the smoke test picks"));
    }

    private CommandResult SmokeTest(params string[] extra) =>
        BuildScript.Run(["--target=SmokeTest", .. standIn.PlanArguments.Where(a => !a.StartsWith("--images-config=", StringComparison.Ordinal)),
            $"--images-config={imagesFile}", .. extra]);
}
