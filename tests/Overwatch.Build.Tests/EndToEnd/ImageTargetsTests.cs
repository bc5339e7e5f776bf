using System.Text.RegularExpressions;
using NUnit.Framework;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.EndToEnd;

/// <summary>
/// ./build.sh against the real dockerd and a real docker-registry with htpasswd auth, building the
/// fixture images for two Python versions. Each test uses its own namespace in the registry.
/// </summary>
[TestFixture, Category("EndToEnd"), Category("Engine"), NonParallelizable]
public sealed class ImageTargetsTests() : RegistryFixture("Pa55-w0rd-never-shown-7f3a")
{
    [Test]
    public void MasterOnTravis_PushesLatestAndMasterForEveryPython()
    {
        BuildBase("master");
        // A TMPDIR of the test's own: the run's temporary login is made there, away from other runs'.
        using var tmp = new TempDirectory("owb-tmp");
        var credentials = Credentials(Password);
        credentials["TMPDIR"] = tmp.Path;

        var result = Run("master", "Publish", Travis("master"), credentials);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(registry.Tags("master/overwatch"),
            Is.EqualTo(new[] { "latest-py2.7.15", "latest-py3.6.7", "master-py2.7.15", "master-py3.6.7" }));
        Assert.That(registry.Tags("master/overwatch-base"), Is.Empty, "Publish never pushes the base image");
        Assert.That(result.AllOutput, Does.Not.Contain(Password));
        Assert.That(result.StandardOutput, Does.Contain("Logged out of " + registry.Address));
        Assert.That(Directory.GetFileSystemEntries(tmp.Path, "overwatch-docker-config-*"), Is.Empty, "the temporary DOCKER_CONFIG is removed");
    }

    [Test]
    public void BaseImagesPublishedOnce_ArePulledByAMachineWithoutThem()
    {
        var published = Run("pulled", "PublishBase", Travis("feature-x"), Credentials(Password));
        Assert.That(published.ExitCode, Is.EqualTo(0), published.ToString());
        var current = new[] { images.BaseTag("2.7.15"), images.BaseTag("3.6.7") };
        Assert.That(registry.Tags("pulled/overwatch-base"), Is.EqualTo(new[] { "py2.7.15", current[0], "py3.6.7", current[1] }));
        Shell.Run("docker", ["rmi", "--force", .. current.Concat(["py2.7.15", "py3.6.7"]).Select(t => $"{registry.Address}/pulled/overwatch-base:{t}")]);

        var result = Run("pulled", "Publish", Travis("master"), Credentials(Password));

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.StandardOutput, Does.Contain($"Pulled {registry.Address}/pulled/overwatch-base:{current[1]}."));
        Assert.That(result.StandardOutput, Does.Not.Contain("may not match"), "the base of the current inputs was there");
        Assert.That(registry.Tags("pulled/overwatch"), Has.Member("latest-py3.6.7"));
    }

    [Test]
    public void PushedImage_RunsAndShowsItsPythonVersion()
    {
        BuildBase("runs");
        Assert.That(Run("runs", "Publish", Travis("master"), Credentials(Password)).ExitCode, Is.EqualTo(0));
        var reference = $"{registry.Address}/runs/overwatch:latest-py3.6.7";
        Shell.Run("docker", "rmi", "--force", reference, $"{registry.Address}/runs/overwatch:master-py3.6.7");

        using var config = new TempDirectory("owb-docker-config");
        var env = new Dictionary<string, string?> { ["DOCKER_CONFIG"] = config.Path };
        Assert.That(Shell.Run("docker", ["login", "-u", User, "--password-stdin", registry.Address], env, input: Password).ExitCode, Is.EqualTo(0));
        Assert.That(Shell.Run("docker", ["pull", reference], env).ExitCode, Is.EqualTo(0));
        var run = Shell.Run("docker", "run", "--rm", "--network", "none", reference);

        Assert.That(run.StandardOutput.Trim(), Is.EqualTo("python 3.6.7 overwatch feedfacefeedfacefeedfacefeedfacefeedface"), run.ToString());
    }

    [Test]
    public void ReleaseTagOnGitHub_PushesFullAndMinorVersionTags()
    {
        BuildBase("release");
        var github = new Dictionary<string, string?>
        {
            ["GITHUB_ACTIONS"] = "true", ["GITHUB_EVENT_NAME"] = "push", ["GITHUB_REF"] = "refs/tags/v1.2.3",
            ["GITHUB_SHA"] = "0123456789abcdef0123456789abcdef01234567",
        };

        var result = Run("release", "Publish", github, Credentials(Password));

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(registry.Tags("release/overwatch"),
            Is.EqualTo(new[] { "1.2-py2.7.15", "1.2-py3.6.7", "1.2.3-py2.7.15", "1.2.3-py3.6.7" }));
        var labels = Shell.Run("docker", "image", "inspect", "--format",
            "{{index .Config.Labels \"org.opencontainers.image.revision\"}} {{index .Config.Labels \"org.opencontainers.image.version\"}}",
            $"{registry.Address}/release/overwatch:1.2.3-py3.6.7");
        Assert.That(labels.StandardOutput.Trim(), Is.EqualTo("0123456789abcdef0123456789abcdef01234567 1.2.3"));
        var run = Shell.Run("docker", "run", "--rm", "--network", "none", $"{registry.Address}/release/overwatch:1.2-py2.7.15");
        Assert.That(run.StandardOutput.Trim(), Is.EqualTo("python 2.7.15 overwatch 0123456789abcdef0123456789abcdef01234567"), "release images are built from the tag's commit");
    }

    [Test]
    public void FeatureBranch_BuildsButPushesNothing()
    {
        BuildBase("feature");

        var result = Run("feature", "Publish", new() { ["TRAVIS"] = "true", ["TRAVIS_BRANCH"] = "feature/new-plots", ["TRAVIS_PULL_REQUEST"] = "false" },
            Credentials(Password));

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("Not publishing: branch 'feature/new-plots' is neither master nor a '-docker' branch"));
        Assert.That(registry.Tags("feature/overwatch"), Is.Empty);
        Assert.That(Shell.Run("docker", "image", "inspect", $"{registry.Address}/feature/overwatch:feature-new-plots-py3.6.7").ExitCode, Is.EqualTo(0),
            "the image is still built");
        using var record = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(images.ArtifactsDir, "publish.json")));
        var references = record.RootElement.GetProperty("images").EnumerateArray().SelectMany(i => i.GetProperty("references").EnumerateArray()).ToList();
        Assert.That(references, Has.Count.EqualTo(2));
        Assert.That(references.Select(r => r.GetProperty("status").GetString()), Is.All.EqualTo("skipped"));
        Assert.That(references.Select(r => r.GetProperty("reason").GetString()),
            Is.All.EqualTo("branch 'feature/new-plots' is neither master nor a '-docker' branch: not published"));
        Assert.That(references.Select(r => r.GetProperty("imageId").GetString()), Is.All.StartWith("sha256:"));
    }

    [Test]
    public void WrongPassword_FailsWithOneClearLineAndPushesNothing()
    {
        BuildBase("refused");
        const string wrong = "Wr0ng-pass-4b1d-never-shown";

        var result = Run("refused", "Publish", Travis("master"), Credentials(wrong));

        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        Assert.That(result.StandardError, Does.Contain($"Error: login to {registry.Address} as {User} failed"));
        Assert.That(result.StandardError, Does.Contain("check DOCKER_USERNAME and DOCKER_PASSWORD"));
        Assert.That(result.AllOutput, Does.Not.Contain(wrong));
        Assert.That(registry.Tags("refused/overwatch"), Is.Empty);
    }

    [Test]
    public void PushingRun_RunsNoSeparateDaemonCheckNorAnInspectAfterTheBuild()
    {
        BuildBase("nocheck");
        using var calls = new DockerCallLog();
        var env = Travis("master");
        env["PATH"] = calls.Path;

        var result = Run("nocheck", "Publish", env, Credentials(Password));

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        // The one `docker version` asks for the builder (which decides whether the previous images are pulled), not the daemon.
        Assert.That(calls.Calls.Where(c => c.StartsWith("version", StringComparison.Ordinal)),
            Is.EqualTo(new[] { "version --format {{.Client.Version}} {{.Server.Version}} {{.Server.Os}}" }), string.Join("\n", calls.Calls));
        Assert.That(calls.Calls.TakeWhile(c => !c.StartsWith("login", StringComparison.Ordinal)).Where(c => !c.StartsWith("version", StringComparison.Ordinal)).ToList(),
            Has.Count.EqualTo(1).And.All.StartWith("image inspect"), "one inspect of every image the lanes ask about, before the login");
        Assert.That(calls.Calls.SkipWhile(c => !c.StartsWith("build", StringComparison.Ordinal)).TakeWhile(c => !c.StartsWith("push", StringComparison.Ordinal)).ToList(),
            Has.None.StartWith("image inspect"), "the built image's ID comes from docker build --iidfile");
    }

    [Test]
    public void PushRefusedByTheRegistry_FailsClearlyAndStillLogsOut()
    {
        using var readOnly = new LocalRegistry(User, Password, readOnly: true);
        var build = BuildScript.Run(["--target=DockerBase", $"--images-config={images.ImagesFile}", $"--registry={readOnly.Address}",
            "--image-namespace=readonly", "--python-version=3.6.7", "--branch=master", $"--artifacts-dir={images.ArtifactsDir}"]);
        Assert.That(build.ExitCode, Is.EqualTo(0), build.ToString());

        var env = Travis("master");
        foreach (var (name, value) in Credentials(Password)) env[name] = value;
        var result = BuildScript.Run(["--target=Publish", $"--images-config={images.ImagesFile}", $"--registry={readOnly.Address}",
            "--image-namespace=readonly", "--python-version=3.6.7", "--skip-smoke-test", $"--artifacts-dir={images.ArtifactsDir}"], env);

        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        // The branch's own tag goes first, so a refusal never leaves 'latest' ahead of it.
        Assert.That(result.StandardError, Does.Contain($"Error: py3.6.7: docker push of {readOnly.Address}/readonly/overwatch:master-py3.6.7 failed: registry refuses writes (405 read-only)"));
        Assert.That(result.StandardError, Does.Contain($"Pushed: none; not pushed: {readOnly.Address}/readonly/overwatch:master-py3.6.7, {readOnly.Address}/readonly/overwatch:latest-py3.6.7."));
        Assert.That(result.StandardOutput, Does.Contain("Logged out of " + readOnly.Address), "the temporary login is removed after a failure too");
        Assert.That(result.AllOutput, Does.Not.Contain(Password));
        Assert.That(readOnly.Tags("readonly/overwatch"), Is.Empty);
        Shell.Run("docker", "rmi", "--force", $"{readOnly.Address}/readonly/overwatch:latest-py3.6.7",
            $"{readOnly.Address}/readonly/overwatch:master-py3.6.7", $"{readOnly.Address}/readonly/overwatch-base:py3.6.7");
    }

    [Test]
    public void MissingBaseImage_NamesTheImageAndTheTargetThatBuildsIt()
    {
        var result = Run("nobase", "DockerImage", new() { ["TRAVIS"] = "true", ["TRAVIS_BRANCH"] = "master" });

        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        // The versions run side by side: whichever finds its base missing first names it and the command that builds it.
        Assert.That(result.StandardError, Does.Match($@"Error: py(2\.7\.15|3\.6\.7): base image {Regex.Escape(registry.Address)}/nobase/overwatch-base:py(2\.7\.15|3\.6\.7) is missing"));
        Assert.That(result.StandardError, Does.Match(@"\./build\.sh --target=DockerBase --python-version=(2\.7\.15|3\.6\.7)"));
    }

    [Test]
    public void DryRunOfPublish_PrintsThePlanAndBuildsNothing()
    {
        var result = Run("dryrun", "Publish", Travis("master"), Credentials(Password), "--dryrun");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.StandardOutput, Does.Contain($"{registry.Address}/dryrun/overwatch:latest-py3.6.7"));
        Assert.That(Shell.Run("docker", "image", "inspect", $"{registry.Address}/dryrun/overwatch-base:py3.6.7").ExitCode, Is.Not.EqualTo(0));
        Assert.That(registry.Tags("dryrun/overwatch"), Is.Empty);
    }

    private void BuildBase(string space)
    {
        var result = Run(space, "DockerBase", new() { ["TRAVIS"] = "true", ["TRAVIS_BRANCH"] = "master" });
        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
    }

    private CommandResult Run(string space, string target, Dictionary<string, string?> env, Dictionary<string, string?>? credentials = null, params string[] extra)
    {
        foreach (var (name, value) in credentials ?? []) env[name] = value;
        // The busybox fixture images cannot start supervisord: these tests publish them without the smoke test (SmokeTestTests has it).
        return BuildScript.Run(
            [$"--target={target}", $"--images-config={images.ImagesFile}", $"--registry={registry.Address}", $"--image-namespace={space}",
                $"--artifacts-dir={images.ArtifactsDir}", .. target == "Publish" ? ["--skip-smoke-test"] : Array.Empty<string>(), .. extra],
            env);
    }

    private static Dictionary<string, string?> Travis(string branch) => new()
    {
        ["TRAVIS"] = "true", ["TRAVIS_BRANCH"] = branch, ["TRAVIS_PULL_REQUEST"] = "false", ["TRAVIS_COMMIT"] = "feedfacefeedfacefeedfacefeedfacefeedface",
    };

    private static Dictionary<string, string?> Credentials(string password) => new()
    {
        ["DOCKER_USERNAME"] = User, ["DOCKER_PASSWORD"] = password,
    };
}
