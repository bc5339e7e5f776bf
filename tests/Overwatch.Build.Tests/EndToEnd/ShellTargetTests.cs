using System.Security.Cryptography;
using System.Text;
using NUnit.Framework;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.EndToEnd;

/// <summary>./build.sh --target=Shell --command=... in a fixture image on the real dockerd.</summary>
[TestFixture, Category("EndToEnd"), NonParallelizable]
public sealed class ShellTargetTests
{
    private const string Registry = "127.0.0.1:5999"; // never contacted: nothing is pushed or pulled successfully
    private const string GridCert = "-----BEGIN CERTIFICATE-----shell-test-cert-8d1e-----END CERTIFICATE-----";
    private readonly string space = "shell" + Guid.NewGuid().ToString("N")[..8]; // concurrent runs never share images
    private FixtureImages images = null!;
    private TempDirectory exec = null!;
    private TempDirectory data = null!;

    [OneTimeSetUp]
    public void BuildImage()
    {
        DockerDaemon.Require();
        images = new FixtureImages();
        exec = new TempDirectory("owb-exec");
        data = new TempDirectory("owb-data");
        foreach (var target in new[] { "DockerBase", "DockerImage" })
        {
            var result = Run(target, new());
            Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        }
    }

    [OneTimeTearDown]
    public void RemoveImages()
    {
        Shell.Run("docker", "rmi", "--force", $"{Registry}/{space}/overwatch:latest-py3.6.7", $"{Registry}/{space}/overwatch:master-py3.6.7", $"{Registry}/{space}/overwatch-base:py3.6.7");
        images?.Dispose();
        exec?.Dispose();
        data?.Dispose();
    }

    [Test]
    public void Command_RunsWithMountsAndSecretsByNameOnly()
    {
        var env = new Dictionary<string, string?>
        {
            ["gridCert"] = GridCert, ["config"] = "supervisor: false", ["OVERWATCH_EXECUTABLES"] = "webApp",
        };
        const string probe =
            "test -d /opt/overwatch/data && echo data-mounted; " +
            "echo written-inside > /opt/overwatch/exec/config/probe.txt; " +
            "echo \"gridCert-md5 $(printf %s \"$gridCert\" | md5sum | cut -d' ' -f1)\"; " +
            "echo \"config=$config\"; " +
            "echo \"gridKey:${gridKey-unset} sshKey:${sshKey-unset} executables:${OVERWATCH_EXECUTABLES-unset}\"";

        var result = Run("Shell", env, $"--command={probe}");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("data-mounted"));
        Assert.That(File.ReadAllText(exec.Combine("config", "probe.txt")).Trim(), Is.EqualTo("written-inside"));
        Assert.That(result.StandardOutput, Does.Contain("gridCert-md5 " + Md5(GridCert)));
        Assert.That(result.StandardOutput, Does.Contain("config=supervisor: false"));
        Assert.That(result.StandardOutput, Does.Contain("gridKey:unset sshKey:unset executables:unset"));
        Assert.That(result.StandardOutput, Does.Contain("-e gridCert").And.Contain("-e config"));
        Assert.That(result.AllOutput, Does.Not.Contain(GridCert));
        Assert.That(Directory.Exists(exec.Combine("logs")) && Directory.Exists(exec.Combine("sockets")), Is.True, "exec/ subdirectories are created");
    }

    [Test]
    public void FailingCommand_ExitsNonZeroWithItsCode()
    {
        var result = Run("Shell", new(), "--command=exit 3");

        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        Assert.That(result.StandardError, Does.Contain($"the command in {Registry}/{space}/overwatch:latest-py3.6.7 exited with code 3"));
    }

    [Test]
    public void ImageNotBuilt_NamesTheTargetThatBuildsIt()
    {
        var result = BuildScript.Run(["--target=Shell", $"--images-config={images.ImagesFile}", $"--registry={Registry}",
            "--image-namespace=nothing-here", "--python-version=3.6.7", "--branch=master", "--command=true"]);

        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        Assert.That(result.StandardError, Does.Contain("is not built: build it with ./build.sh --target=DockerImage --python-version=3.6.7"));
    }

    // A kit image, or one pulled by digest, is used as it is: no re-tagging to the planned reference, which moves with the branch.
    [Test]
    public void ImageArgument_RunsThatImage_WhereThePlannedOneIsNotBuilt()
    {
        var kit = $"owb-kit-{space}:anything";
        Shell.Run("docker", "tag", $"{Registry}/{space}/overwatch:latest-py3.6.7", kit);
        try
        {
            var result = BuildScript.Run(["--target=Shell", $"--images-config={images.ImagesFile}", $"--registry={Registry}",
                "--image-namespace=nothing-here", "--python-version=3.6.7", "--branch=master", $"--exec-dir={exec.Path}", $"--data-dir={data.Path}",
                $"--image={kit}", "--command=echo ran-in-the-named-image"]);

            Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
            Assert.That(result.StandardOutput, Does.Contain("ran-in-the-named-image"));
            Assert.That(result.StandardOutput, Does.Contain($"Using the image {kit} (--image) instead of the planned reference."));
        }
        finally
        {
            Shell.Run("docker", "rmi", kit);
        }
    }

    [Test]
    public void ImageArgument_NamingNoLocalImage_SaysToPullIt()
    {
        var absent = $"owb-absent-{space}:x";

        var result = Run("Shell", new(), $"--image={absent}", "--command=true");

        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        Assert.That(result.StandardError, Does.Contain($"Error: image {absent} (--image) is not here: pull it (docker pull {absent}), load it, or correct --image"));
    }

    private CommandResult Run(string target, Dictionary<string, string?> env, params string[] extra) =>
        BuildScript.Run(
            [$"--target={target}", $"--images-config={images.ImagesFile}", $"--registry={Registry}", $"--image-namespace={space}",
             "--python-version=3.6.7", "--branch=master", $"--exec-dir={exec.Path}", $"--data-dir={data.Path}",
             $"--artifacts-dir={images.ArtifactsDir}", .. extra],
            env);

    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
}
