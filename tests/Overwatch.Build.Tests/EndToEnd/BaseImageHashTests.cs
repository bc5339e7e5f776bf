using NUnit.Framework;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.EndToEnd;

/// <summary>
/// Base images identified by the hash of their inputs, against the real dockerd and docker-registry: DockerBase
/// and PublishBase skip what exists, DockerImage builds on the current base, and a base with only the floating
/// pyX.Y.Z tag is used with a warning (or refused with --require-current-base). One Python version keeps them short.
/// </summary>
[TestFixture, Category("EndToEnd"), Category("Engine"), NonParallelizable]
public sealed class BaseImageHashTests
{
    private const string User = "base-bot";
    private const string Password = "Ba5e-hash-pw-never-shown-91c2";
    private const string Python = "3.6.7";
    private LocalRegistry registry = null!;

    [OneTimeSetUp]
    public void StartRegistry()
    {
        DockerDaemon.Require();
        registry = new LocalRegistry(User, Password);
    }

    [OneTimeTearDown]
    public void StopRegistry()
    {
        if (registry is null) return;
        var left = Shell.Run("docker", "images", "--format", "{{.Repository}}:{{.Tag}}").StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(i => i.StartsWith(registry.Address + "/", StringComparison.Ordinal)).ToList();
        if (left.Count > 0) Shell.Run("docker", ["rmi", "--force", .. left]);
        registry.Dispose();
    }

    [Test]
    public void SecondDockerBaseAndPublishBase_BuildAndPushNothing()
    {
        using var images = new FixtureImages();
        var current = images.BaseTag(Python);

        var first = Run(images, "skip", "PublishBase");
        Assert.That(first.ExitCode, Is.EqualTo(0), first.ToString());
        Assert.That(first.StandardOutput, Does.Contain($"building base image {Base("skip", current)}"));
        Assert.That(registry.Tags("skip/overwatch-base"), Is.EqualTo(new[] { "py3.6.7", current }));

        var second = Run(images, "skip", "PublishBase");

        Assert.That(second.ExitCode, Is.EqualTo(0), second.ToString());
        Assert.That(second.StandardOutput, Does.Contain($"Base image {Base("skip", current)} of the current inputs is local: not rebuilt."));
        Assert.That(second.StandardOutput, Does.Contain($"Base image {Base("skip", current)} is already in the registry: not pushed."));
        Assert.That(second.StandardOutput, Does.Not.Contain("> docker build"), "no layer built");
        Assert.That(second.StandardOutput, Does.Not.Contain("Pushing"), "no byte pushed");
    }

    [Test]
    public void BaseOnlyInTheRegistry_IsNotRebuiltAndDockerImagePullsIt()
    {
        using var images = new FixtureImages();
        var current = images.BaseTag(Python);
        Assert.That(Run(images, "remote", "PublishBase").ExitCode, Is.EqualTo(0));
        Shell.Run("docker", "rmi", "--force", Base("remote", current), Base("remote", "py3.6.7"));

        var dockerBase = Run(images, "remote", "DockerBase");
        Assert.That(dockerBase.ExitCode, Is.EqualTo(0), dockerBase.ToString());
        Assert.That(dockerBase.StandardOutput, Does.Contain($"Base image {Base("remote", current)} of the current inputs is in the registry: not rebuilt"));
        Assert.That(dockerBase.StandardOutput, Does.Not.Contain("> docker build"));

        var app = Run(images, "remote", "DockerImage", "--require-current-base");
        Assert.That(app.ExitCode, Is.EqualTo(0), app.ToString());
        Assert.That(app.StandardOutput, Does.Contain($"Pulled {Base("remote", current)}."));
        Assert.That(app.StandardOutput, Does.Contain($"BASE_IMAGE={Base("remote", current)}"));
    }

    [Test]
    public void ChangedDockerfileBuild_GetsANewBaseAndTheAppIsBuiltOnIt()
    {
        using var images = new FixtureImages();
        var before = images.BaseTag(Python);
        Assert.That(Run(images, "changed", "DockerBase").ExitCode, Is.EqualTo(0));
        File.AppendAllText(Path.Combine(images.Directory, "Dockerfile.build"), "LABEL fixture.change=1\n");
        var after = images.BaseTag(Python);
        Assert.That(after, Is.Not.EqualTo(before));

        // Only the floating tag of the old base is there: used, with one line saying so and what rebuilds it.
        var stale = Run(images, "changed", "DockerImage");
        Assert.That(stale.ExitCode, Is.EqualTo(0), stale.ToString());
        Assert.That(stale.StandardOutput, Does.Contain(
            $"Warning: building on {Base("changed", "py3.6.7")}, which may not match Dockerfile.build (no {Base("changed", after)} of its current inputs): " +
            "./build.sh --target=DockerBase --python-version=3.6.7 rebuilds it."));
        Assert.That(stale.StandardOutput, Does.Contain($"BASE_IMAGE={Base("changed", "py3.6.7")}"));

        var required = Run(images, "changed", "DockerImage", "--require-current-base");
        Assert.That(required.ExitCode, Is.Not.EqualTo(0));
        Assert.That(required.StandardError, Does.Contain($"Error: py3.6.7: base image {Base("changed", after)} of the current inputs of Dockerfile.build is neither local nor in the registry"));
        Assert.That(required.StandardError, Does.Contain("--require-current-base is set: build it with ./build.sh --target=DockerBase --python-version=3.6.7"));
        Assert.That(required.StandardOutput, Does.Not.Contain("> docker build"), "nothing built after the refusal");

        var rebuilt = Run(images, "changed", "DockerBase");
        Assert.That(rebuilt.ExitCode, Is.EqualTo(0), rebuilt.ToString());
        Assert.That(rebuilt.StandardOutput, Does.Contain($"building base image {Base("changed", after)}"));
        var app = Run(images, "changed", "DockerImage", "--require-current-base");
        Assert.That(app.ExitCode, Is.EqualTo(0), app.ToString());
        Assert.That(app.StandardOutput, Does.Contain($"BASE_IMAGE={Base("changed", after)}"));
        Assert.That(app.StandardOutput, Does.Not.Contain("may not match"));
        var label = Shell.Run("docker", "image", "inspect", "--format", "{{index .Config.Labels \"fixture.change\"}}", $"{registry.Address}/changed/overwatch:latest-py3.6.7");
        Assert.That(label.StandardOutput.Trim(), Is.EqualTo("1"), "the app image is built on the changed base");
    }

    [Test]
    public void PlanRecordsTheBaseOfTheCurrentInputs()
    {
        using var images = new FixtureImages();
        using var artifacts = new TempDirectory("owb-artifacts");

        var plan = Run(images, "plan", "Plan", $"--artifacts-dir={artifacts.Path}");

        Assert.That(plan.ExitCode, Is.EqualTo(0), plan.ToString());
        var current = images.BaseTag(Python);
        Assert.That(plan.StandardOutput, Does.Contain($"3.6.7   {Base("plan", current)}"));
        var json = File.ReadAllText(Path.Combine(artifacts.Path, "build-plan.json"));
        Assert.That(json, Does.Contain($"\"base\": \"{Base("plan", current)}\""));
        Assert.That(json, Does.Contain($"\"baseInputs\": \"{current["py3.6.7-".Length..]}\""));
    }

    private string Base(string space, string tag) => $"{registry.Address}/{space}/overwatch-base:{tag}";

    private CommandResult Run(FixtureImages images, string space, string target, params string[] extra) =>
        BuildScript.Run(
            [$"--target={target}", $"--images-config={images.ImagesFile}", $"--registry={registry.Address}", $"--image-namespace={space}",
                $"--python-version={Python}", "--branch=master", .. extra],
            new() { ["DOCKER_USERNAME"] = User, ["DOCKER_PASSWORD"] = Password });
}
