using System.Text.Json;
using NUnit.Framework;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.EndToEnd;

/// <summary>
/// A re-run on a fresh CI runner (nothing local) of a job that already published: nothing to do is decided in the
/// registry, on every engine (OVERWATCH_TEST_ENGINE): no pull, no build, no push, exit 0, the registry's digests
/// unchanged, publish.json saying so per reference; also when another engine published them (another runner, another
/// notion of image ID). Other inputs under a release tag are still refused. Each test publishes its base (a fresh
/// runner pulls it) and uses its own namespace.
/// </summary>
[TestFixture, Category("EndToEnd"), Category("Engine"), NonParallelizable]
public sealed class FreshRunnerTests() : RegistryFixture("Fresh-pa55-never-shown-27c9", "fresh-")
{
    private const string Python = "3.6.7";

    [Test]
    public void AMasterRerunOnAFreshRunner_PullsBuildsAndPushesNothing()
    {
        var space = Space("master");
        var env = Env(Master);
        Succeed(Run(space, "PublishBase", env));
        Succeed(Run(space, "Publish", env));
        var digests = Digests(space, "master", "latest");
        WipeLocalImages(space);
        using var calls = new DockerCallLog();

        var again = Run(space, "Publish", env, calls);

        Succeed(again);
        AssertNothingDone(calls, again);
        Assert.That(Digests(space, "master", "latest"), Is.EqualTo(digests), "the registry's digests are unchanged");
        AssertRecordSaysHeld(digests);
    }

    [Test]
    public void AReleasePublishedByAnotherRunner_IsANoOpHere()
    {
        var space = Space("release");
        var env = Env(Release("v1.2.3"));
        env["SOURCE_DATE_EPOCH"] = "1700000000";
        // A step whose output differs per build (as pip's): a rebuild here is another image (no build cache of the
        // runner that published it), which the release check used to refuse.
        using var fixture = new FixtureImages();
        File.AppendAllText(Path.Combine(fixture.Directory, "Dockerfile"), "RUN date +%s%N > /opt/overwatch/built-at\n");
        // The other runner: another engine (its own build cache and image store; another notion of image ID).
        var elsewhere = TestEngine.Current == TestEngine.Legacy ? TestEngine.Buildkit : TestEngine.Legacy;
        try
        {
            Succeed(Run(space, "PublishBase", On(elsewhere, Env(Master)), fixture: fixture));
            Succeed(Run(space, "Publish", On(elsewhere, env), fixture: fixture));
        }
        finally
        {
            WipeLocalImages(space, engine: elsewhere);
        }
        var digests = Digests(space, "1.2.3", "1.2");
        using var calls = new DockerCallLog();

        var again = Run(space, "Publish", env, calls, fixture);

        Succeed(again);
        AssertNothingDone(calls, again);
        Assert.That(Digests(space, "1.2.3", "1.2"), Is.EqualTo(digests));
        AssertRecordSaysHeld(digests, fixture);
    }

    [Test]
    public void AReleaseRerunWithItsBaseStillLocal_IsANoOp()
    {
        var space = Space("release-base");
        var env = Env(Release("v1.2.3"));
        env["SOURCE_DATE_EPOCH"] = "1700000000";
        Succeed(Run(space, "PublishBase", Env(Master)));
        Succeed(Run(space, "Publish", env));
        var digests = Digests(space, "1.2.3", "1.2");
        // The base stays: its local ID (under the containerd store the index digest) must name the registry's config.
        WipeLocalImages(space, keepBase: true);
        using var calls = new DockerCallLog();

        var again = Run(space, "Publish", env, calls);

        Succeed(again);
        AssertNothingDone(calls, again);
        Assert.That(Digests(space, "1.2.3", "1.2"), Is.EqualTo(digests));
    }

    [Test]
    public void AnotherImageUnderAPublishedReleaseTag_IsRefused_AndTheTagDoesNotMove()
    {
        var space = Space("moved");
        var env = Env(Release("v1.2.3"));
        env["SOURCE_DATE_EPOCH"] = "1700000000";
        Succeed(Run(space, "PublishBase", Env(Master)));
        Succeed(Run(space, "Publish", env));
        var published = Digests(space, "1.2.3")[0];

        // Another creation time: other inputs, another image, under the same release tag.
        env["SOURCE_DATE_EPOCH"] = "1800000000";
        var other = Run(space, "Publish", env);

        Assert.That(other.ExitCode, Is.Not.EqualTo(0), other.ToString());
        Assert.That(other.StandardError, Does.Contain($"release {registry.Address}/{space}/overwatch:1.2.3-py{Python} is already published from another image"));
        Assert.That(Digests(space, "1.2.3")[0], Is.EqualTo(published), "the release tag did not move");
    }

    private void AssertNothingDone(DockerCallLog calls, CommandResult result)
    {
        var log = string.Join("\n", calls.Calls);
        Assert.That(calls.Calls, Has.None.StartWith("pull"), "no pull:\n" + log);
        Assert.That(calls.Calls, Has.None.StartWith("build").And.None.StartWith("buildx"), "no build:\n" + log);
        Assert.That(calls.Calls, Has.None.StartWith("push"), "no push:\n" + log);
        Assert.That(calls.Calls, Has.None.StartWith("login"), "nothing to log in for:\n" + log);
        Assert.That(result.StandardOutput, Does.Contain($"[py{Python}] Up to date in the registry (inputs "));
        Assert.That(result.AllOutput, Does.Not.Contain(Password));
    }

    private void AssertRecordSaysHeld(IReadOnlyList<string> digests, FixtureImages? fixture = null)
    {
        using var record = JsonDocument.Parse(File.ReadAllText(Path.Combine((fixture ?? images).ArtifactsDir, "publish.json")));
        var version = record.RootElement.GetProperty("images").EnumerateArray().Single();
        Assert.That(version.GetProperty("smokeTest").GetString(), Is.EqualTo("not run: the registry holds these inputs"));
        var references = version.GetProperty("references").EnumerateArray().ToList();
        Assert.That(references.Select(r => r.GetProperty("status").GetString()), Is.All.EqualTo("skipped"));
        Assert.That(references.Select(r => r.GetProperty("reason").GetString()),
            Is.All.EqualTo("the registry already holds an image of the current inputs: nothing pulled, built, smoke-tested or pushed"));
        Assert.That(references.Select(r => r.GetProperty("digest").GetString()), Is.EquivalentTo(digests));
        Assert.That(references.Select(r => r.GetProperty("inputs").GetString()), Is.All.Match("^[0-9a-f]{64}$"));
    }

    private static string Space(string name) => $"fresh-{name}-{TestEngine.Current.Name}";

    /// <summary>What a new runner has: none of this test's images (the base too, unless kept), on the engine under test or another.</summary>
    private void WipeLocalImages(string space, bool keepBase = false, TestEngine? engine = null)
    {
        var env = engine is null ? null : On(engine, new Dictionary<string, string?>());
        var mine = Shell.Run("docker", ["images", "--format", "{{.Repository}}:{{.Tag}}"], env).StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(i => i.StartsWith($"{registry.Address}/{space}/", StringComparison.Ordinal))
            .Where(i => !keepBase || !i.Contains("/overwatch-base:", StringComparison.Ordinal))
            .ToList();
        if (mine.Count == 0) return;
        var removed = Shell.Run("docker", ["rmi", "--force", .. mine], env);
        Assert.That(removed.ExitCode, Is.EqualTo(0), removed.ToString());
    }

    private List<string> Digests(string space, params string[] tags) =>
        tags.Select(t => registry.ManifestDigest($"{space}/overwatch", $"{t}-py{Python}")).ToList();

    /// <summary>The variables with docker pointed at another engine than the one under test.</summary>
    private static Dictionary<string, string?> On(TestEngine engine, Dictionary<string, string?> env) =>
        new(env) { ["DOCKER_HOST"] = engine.Host, ["DOCKER_BUILDKIT"] = engine.BuildKit ? null : "0" };

    private static void Succeed(CommandResult result) => Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());

    private static readonly Dictionary<string, string?> Master = new()
    {
        ["TRAVIS"] = "true", ["TRAVIS_BRANCH"] = "master", ["TRAVIS_PULL_REQUEST"] = "false",
        ["TRAVIS_COMMIT"] = "0123456789abcdef0123456789abcdef01234567",
    };

    private static Dictionary<string, string?> Release(string tag) => new()
    {
        ["TRAVIS"] = "true", ["TRAVIS_BRANCH"] = tag, ["TRAVIS_TAG"] = tag, ["TRAVIS_PULL_REQUEST"] = "false",
        ["TRAVIS_COMMIT"] = "0123456789abcdef0123456789abcdef01234567",
    };

    private Dictionary<string, string?> Env(Dictionary<string, string?> ci) => new(ci) { ["DOCKER_USERNAME"] = User, ["DOCKER_PASSWORD"] = Password };

    // The busybox fixture images cannot start supervisord: these tests publish them without the smoke test.
    private CommandResult Run(string space, string target, Dictionary<string, string?> env, DockerCallLog? calls = null, FixtureImages? fixture = null)
    {
        fixture ??= images;
        var environment = new Dictionary<string, string?>(env);
        if (calls is not null) environment["PATH"] = calls.Path;
        return BuildScript.Run(
            [$"--target={target}", $"--images-config={fixture.ImagesFile}", $"--registry={registry.Address}", $"--image-namespace={space}",
                $"--python-version={Python}", $"--artifacts-dir={fixture.ArtifactsDir}", .. target == "Publish" ? ["--skip-smoke-test"] : Array.Empty<string>()],
            environment);
    }
}
