using NUnit.Framework;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.EndToEnd;

/// <summary>
/// The suite drives the engine the docker CLI is pointed at (DOCKER_HOST, DOCKER_CONTEXT, `docker context use`),
/// for every command including the pulls and pushes that run under the temporary login: DockerBase, DockerImage and
/// Publish against a second dockerd of the test's own, while the default engine sees nothing.
/// </summary>
[TestFixture, Category("EndToEnd"), NonParallelizable]
public sealed class RemoteEngineTests
{
    private const string User = "remote-bot";
    private const string Password = "R3mote-engine-pw-never-shown-5d1";
    private SecondDockerDaemon engine = null!;
    private LocalRegistry registry = null!;
    private FixtureImages images = null!;

    [OneTimeSetUp]
    public void StartEngineAndRegistry()
    {
        DockerDaemon.Require();
        engine = new SecondDockerDaemon();
        registry = new LocalRegistry(User, Password);
        images = new FixtureImages();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        // Only if a test failed could the default engine hold any of these: remove them there.
        var left = Shell.Run("docker", "images", "--format", "{{.Repository}}:{{.Tag}}").StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(i => registry is not null && i.StartsWith(registry.Address + "/", StringComparison.Ordinal)).ToList();
        if (left.Count > 0) Shell.Run("docker", ["rmi", "--force", .. left]);
        registry?.Dispose();
        images?.Dispose();
        engine?.Dispose();
    }

    [Test]
    public void DockerHost_BuildsAndPublishesOnTheSecondEngine_TheDefaultEngineSeesNothing()
    {
        var env = new Dictionary<string, string?> { ["DOCKER_HOST"] = engine.Host };

        PublishOn("viahost", env);
    }

    [Test]
    public void DockerContext_ByVariableAndAsCurrentContext_ReachesTheSecondEngineForPushesToo()
    {
        using var userConfig = new TempDirectory("owb-user-docker-config");
        var config = new Dictionary<string, string?> { ["DOCKER_CONFIG"] = userConfig.Path, ["DOCKER_HOST"] = null };
        var created = Shell.Run("docker", ["context", "create", "owb-second", "--docker", $"host={engine.Host}"], config);
        Assert.That(created.ExitCode, Is.EqualTo(0), created.ToString());

        PublishOn("viacontext", new() { ["DOCKER_CONFIG"] = userConfig.Path, ["DOCKER_CONTEXT"] = "owb-second" });

        Assert.That(Shell.Run("docker", ["context", "use", "owb-second"], config).ExitCode, Is.EqualTo(0));
        PublishOn("viacurrent", new() { ["DOCKER_CONFIG"] = userConfig.Path });

        var userFile = File.ReadAllText(Path.Combine(userConfig.Path, "config.json"));
        Assert.That(userFile, Does.Not.Contain(registry.Address), "the login stays in the temporary config");
        Assert.That(userFile, Does.Contain("owb-second"), "the user's current context is untouched");
        Assert.That(Directory.Exists(Path.Combine(userConfig.Path, "contexts", "meta")), Is.True, "the user's contexts survive the session");
    }

    private void PublishOn(string space, Dictionary<string, string?> engineVariables)
    {
        using var tmp = new TempDirectory("owb-tmp");
        var env = new Dictionary<string, string?>(engineVariables)
        {
            ["DOCKER_USERNAME"] = User, ["DOCKER_PASSWORD"] = Password, ["TMPDIR"] = tmp.Path,
        };
        string[] args = [$"--images-config={images.ImagesFile}", $"--registry={registry.Address}", $"--image-namespace={space}", "--python-version=3.6.7", "--branch=master"];

        var dockerBase = BuildScript.Run(["--target=DockerBase", .. args], env);
        Assert.That(dockerBase.ExitCode, Is.EqualTo(0), dockerBase.ToString());
        var publish = BuildScript.Run(["--target=Publish", "--skip-smoke-test", .. args], env); // busybox fixtures: no smoke test
        Assert.That(publish.ExitCode, Is.EqualTo(0), publish.ToString());

        Assert.That(registry.Tags($"{space}/overwatch"), Is.EqualTo(new[] { "latest-py3.6.7", "master-py3.6.7" }));
        var app = $"{registry.Address}/{space}/overwatch:latest-py3.6.7";
        var baseImage = $"{registry.Address}/{space}/overwatch-base:{images.BaseTag("3.6.7")}";
        Assert.That(engine.Docker("image", "inspect", app).ExitCode, Is.EqualTo(0), "the second engine built the app image");
        Assert.That(engine.Docker("image", "inspect", baseImage).ExitCode, Is.EqualTo(0), "the second engine built the base image");
        var defaultEngine = new Dictionary<string, string?> { ["DOCKER_HOST"] = null, ["DOCKER_CONTEXT"] = null, ["DOCKER_CONFIG"] = null };
        Assert.That(Shell.Run("docker", ["image", "inspect", app], defaultEngine).ExitCode, Is.Not.EqualTo(0), "the default engine has no app image");
        Assert.That(Shell.Run("docker", ["image", "inspect", baseImage], defaultEngine).ExitCode, Is.Not.EqualTo(0), "the default engine has no base image");
        Assert.That(publish.AllOutput, Does.Not.Contain(Password));
        Assert.That(Directory.GetFileSystemEntries(tmp.Path, "overwatch-docker-config-*"), Is.Empty, "the temporary login is removed");
    }
}
