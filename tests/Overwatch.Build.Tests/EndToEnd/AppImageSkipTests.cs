using System.Text.RegularExpressions;
using NUnit.Framework;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.EndToEnd;

/// <summary>
/// A no-op app build is skipped, against the real dockerd and docker-registry: when every planned tag is a local
/// image labelled with the hash of the current inputs (Dockerfile, build arguments, labels, base image ID, copied
/// files), DockerImage neither pulls a cache image nor builds; a change to any input builds again. One Python version
/// keeps them short; each test uses its own namespace and fixture copy.
/// </summary>
[TestFixture, Category("EndToEnd"), Category("Engine"), NonParallelizable]
public sealed class AppImageSkipTests() : RegistryFixture("Skip-pa55-never-shown-8a2d")
{
    private const string Python = "3.6.7";
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";

    [Test]
    public void SecondWarmPublish_BuildsNothing_AndTheImageIdIsUnchanged()
    {
        using var fixture = new FixtureImages();
        const string space = "skip-warm";
        Assert.That(Run(fixture, space, "DockerBase").ExitCode, Is.EqualTo(0));
        var first = Run(fixture, space, "Publish");
        Assert.That(first.ExitCode, Is.EqualTo(0), first.ToString());
        var id = ImageId(space);
        using var calls = new DockerCallLog();

        var second = Run(fixture, space, "Publish", calls: calls);

        Assert.That(second.ExitCode, Is.EqualTo(0), second.ToString());
        // A run that pushes asks the registry first: it holds both tags with images of these inputs.
        Assert.That(second.StandardOutput, Does.Match($@"\[py3\.6\.7\] Up to date in the registry \(inputs [0-9a-f]{{12}}\): [^\n]*{Regex.Escape(App(space))}[^\n]*; nothing pulled, built, smoke-tested or pushed\."));
        Assert.That(ImageId(space), Is.EqualTo(id));
        Assert.That(calls.Calls, Has.None.StartWith("build"), "no build");
        Assert.That(calls.Calls, Has.None.StartWith("pull"), "no cache pull");
        Assert.That(calls.Calls, Has.None.StartWith("version"), "no separate daemon check before the login");
        Assert.That(calls.Calls, Has.None.StartWith("push").And.None.StartWith("login"), "nothing to push or log in for");
        Assert.That(registry.Tags($"{space}/overwatch"), Is.EqualTo(new[] { "latest-py3.6.7", "master-py3.6.7" }));
    }

    [Test]
    public void WarmDockerImage_AsksDockerOnce()
    {
        using var fixture = new FixtureImages();
        const string space = "skip-once";
        Assert.That(Run(fixture, space, "DockerBase").ExitCode, Is.EqualTo(0));
        var first = Run(fixture, space, "DockerImage");
        Assert.That(first.ExitCode, Is.EqualTo(0), first.ToString());
        using var calls = new DockerCallLog();

        var second = Run(fixture, space, "DockerImage", calls: calls);

        Assert.That(second.ExitCode, Is.EqualTo(0), second.ToString());
        Assert.That(calls.Calls, Has.Count.EqualTo(1), string.Join("\n", calls.Calls));
        Assert.That(calls.Calls[0], Does.StartWith("image inspect"), "one inspect of the base and every tag");
    }

    [TestCase("app file edited", true)]
    [TestCase("commit (build argument and label)", true)]
    [TestCase("creation time (a label only)", true)]
    [TestCase("base image rebuilt under the same tag", true)]
    [TestCase("context file nothing copies added", false)]
    public void AChangedInput_BuildsAgain(string change, bool rebuilds)
    {
        using var fixture = new FixtureImages();
        var space = "skip-" + change.Split(' ')[0];
        Assert.That(Run(fixture, space, "DockerBase").ExitCode, Is.EqualTo(0));
        var first = Run(fixture, space, "DockerImage");
        Assert.That(first.ExitCode, Is.EqualTo(0), first.ToString());
        var before = ImageId(space);
        var (commit, epoch) = (Commit, (string?)null);
        switch (change.Split(' ')[0])
        {
            case "app": File.AppendAllText(Path.Combine(fixture.Directory, "app.txt"), "changed\n"); break;
            case "commit": commit = "fedcba9876543210fedcba9876543210fedcba98"; break;
            case "creation": epoch = "1600000000"; break;
            case "base":
                var currentBase = $"{registry.Address}/{space}/overwatch-base:{fixture.BaseTag(Python)}";
                var rebase = Shell.Run("docker", ["build", "--tag", currentBase, "-"], input: $"FROM {currentBase}\nLABEL fixture.rebased=1\n");
                Assert.That(rebase.ExitCode, Is.EqualTo(0), rebase.ToString());
                break;
            case "context": File.WriteAllText(Path.Combine(fixture.Directory, "notes.txt"), "not copied\n"); break;
        }

        var second = Run(fixture, space, "DockerImage", commit, epoch);

        Assert.That(second.ExitCode, Is.EqualTo(0), second.ToString());
        if (rebuilds)
        {
            Assert.That(second.StandardOutput, Does.Contain("> docker build"), change);
            Assert.That(ImageId(space), Is.Not.EqualTo(before), change);
            var third = Run(fixture, space, "DockerImage", commit, epoch);
            Assert.That(third.StandardOutput, Does.Contain("Up to date (inputs "), "the rebuilt image carries the new inputs");
        }
        else
        {
            Assert.That(second.StandardOutput, Does.Not.Contain("> docker build"), change);
            Assert.That(ImageId(space), Is.EqualTo(before), change);
        }
    }

    private string App(string space) => $"{registry.Address}/{space}/overwatch:master-py{Python}";

    private string ImageId(string space) => Shell.Run("docker", "image", "inspect", "--format", "{{.Id}}", App(space)).StandardOutput.Trim();

    private CommandResult Run(FixtureImages fixture, string space, string target, string commit = Commit, string? epoch = null, DockerCallLog? calls = null)
    {
        var env = new Dictionary<string, string?>
        {
            ["TRAVIS"] = "true", ["TRAVIS_BRANCH"] = "master", ["TRAVIS_PULL_REQUEST"] = "false", ["TRAVIS_COMMIT"] = commit,
            ["DOCKER_USERNAME"] = User, ["DOCKER_PASSWORD"] = Password, ["SOURCE_DATE_EPOCH"] = epoch,
        };
        if (calls is not null) env["PATH"] = calls.Path;
        return BuildScript.Run(
            [$"--target={target}", $"--images-config={fixture.ImagesFile}", $"--registry={registry.Address}", $"--image-namespace={space}",
                $"--python-version={Python}", $"--artifacts-dir={fixture.ArtifactsDir}", .. target == "Publish" ? ["--skip-smoke-test"] : Array.Empty<string>()],
            env);
    }
}
