using NUnit.Framework;
using Overwatch.Build.Images;
using Overwatch.Build.Images.Plan;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Images.Plan;

/// <summary>
/// The hash of an app image's inputs, the label that lets DockerImage skip a no-op build: what docker's build cache
/// keys on changes it (the Dockerfile, build arguments, labels, the base image's ID, the files COPY and ADD take, the
/// commit standing for the source tree); what does not reach the image leaves it alone; and what the hash cannot see
/// is named, so the image is built as before.
/// </summary>
public sealed class AppInputsTests
{
    private const string Dockerfile = """
        ARG BASE_IMAGE
        FROM ${BASE_IMAGE}
        ARG PYTHON_VERSION
        # a comment line
        COPY --chown=overwatch:overwatch overwatch-src/receiver/ receiver/
        COPY overwatch-start /usr/local/bin/overwatch-start
        COPY conf/*.cfg /etc/overwatch/
        COPY --chown=overwatch:overwatch overwatch-src/ /opt/overwatch/
        RUN echo done

        """;

    private const string BaseId = "sha256:938efc7d8eaa357ab9bc59e9fda425c41b9f0e7c103e98ee7a512fa78c561ade";
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";

    private sealed record Inputs(string Commit, Dictionary<string, string> BuildArgs, Dictionary<string, string> Labels, string BaseId);

    private static Inputs Default() => new(Commit,
        new() { ["BASE_IMAGE"] = "r/ns/overwatch-base:py3.6.7-0123456789ab", ["OVERWATCH_COMMIT"] = Commit, ["PYTHON_VERSION"] = "3.6.7" },
        new() { ["org.opencontainers.image.revision"] = Commit, ["org.opencontainers.image.version"] = "master" },
        BaseId);

    private static readonly Dictionary<string, Action<string, Inputs>> Changes = new()
    {
        ["Dockerfile edited"] = (c, _) => File.AppendAllText(Path.Combine(c, "Dockerfile"), "RUN echo more\n"),
        ["copied file edited"] = (c, _) => File.AppendAllText(Path.Combine(c, "overwatch-start"), "echo changed\n"),
        ["copied file made executable"] = (c, _) => File.SetUnixFileMode(Path.Combine(c, "overwatch-start"), (UnixFileMode)0b111_101_101),
        ["file matching a wildcard added"] = (c, _) => File.WriteAllText(Path.Combine(c, "conf", "extra.cfg"), "x=1\n"),
        [".dockerignore edited"] = (c, _) => File.WriteAllText(Path.Combine(c, ".dockerignore"), "conf/\n"),
        ["build argument changed"] = (_, i) => i.BuildArgs["PYTHON_VERSION"] = "3.7.1",
        ["build argument added"] = (_, i) => i.BuildArgs["JSROOT_VERSION"] = "5.6.4",
        ["label changed"] = (_, i) => i.Labels["org.opencontainers.image.version"] = "1.2.3",
        ["label added"] = (_, i) => i.Labels["org.opencontainers.image.created"] = "2026-01-01T00:00:00Z",
    };

    private static readonly Dictionary<string, Action<string, Inputs>> NonChanges = new()
    {
        ["file in the source tree folder (the archive replaces it)"] = (c, _) => File.WriteAllText(Path.Combine(c, "overwatch-src", "stale.py"), "x\n"),
        ["context file nothing copies edited"] = (c, _) => File.WriteAllText(Path.Combine(c, "Dockerfile.build"), "FROM other\n"),
        ["file not matching the wildcard added"] = (c, _) => File.WriteAllText(Path.Combine(c, "conf", "readme.md"), "docs\n"),
        ["timestamps of copied files"] = (c, _) => File.SetLastWriteTimeUtc(Path.Combine(c, "overwatch-start"), new DateTime(2001, 1, 1)),
        ["the inputs label of an earlier build among the labels"] = (_, i) => i.Labels[AppInputs.Label] = "an earlier hash",
        ["nothing"] = (_, _) => { },
    };

    public static IEnumerable<string> ChangeNames => Changes.Keys.Concat(["base image rebuilt (another ID)", "commit of the source tree"]);

    public static IEnumerable<string> NonChangeNames => NonChanges.Keys;

    [TestCaseSource(nameof(ChangeNames))]
    public void Changes_the_hash(string change)
    {
        var after = change switch
        {
            "base image rebuilt (another ID)" => HashAfter((_, _) => { }, baseId: "sha256:bf020f52602c34707e675d36e435852f896fba9e9eaf799ac163a8ecb7d155d4"),
            "commit of the source tree" => HashAfter((_, _) => { }, commit: "fedcba9876543210fedcba9876543210fedcba98"),
            _ => HashAfter(Changes[change]),
        };
        Assert.That(after, Is.Not.EqualTo(HashAfter((_, _) => { })), change);
    }

    [TestCaseSource(nameof(NonChangeNames))]
    public void Leaves_the_hash_alone(string change) =>
        Assert.That(HashAfter(NonChanges[change]), Is.EqualTo(HashAfter((_, _) => { })), change);

    [Test]
    public void Field_boundaries_cannot_be_shifted_between_build_arguments_and_labels()
    {
        var recipe = new ImageRecipe("FROM scratch\n", []);
        var a = AppInputs.Hash(recipe, null, new Dictionary<string, string> { ["A"] = "B" }, new Dictionary<string, string>(), BaseId);
        var b = AppInputs.Hash(recipe, null, new Dictionary<string, string>(), new Dictionary<string, string> { ["A"] = "B" }, BaseId);
        Assert.That(a, Is.Not.EqualTo(b));
        Assert.That(a, Does.Match("^[0-9a-f]{64}$"));
    }

    [TestCase("ADD https://example.org/x.tgz /dst/", "ADD of a URL (https://example.org/x.tgz)")]
    [TestCase("COPY ${SRC} /dst/", "a COPY or ADD source naming a variable or a [class] (${SRC})")]
    [TestCase("COPY file[12] /dst/", "a COPY or ADD source naming a variable or a [class] (file[12])")]
    [TestCase("COPY missing.txt /dst/", "a COPY or ADD source that is missing (missing.txt)")]
    [TestCase("FROM python:3.6\nFROM ${BASE_IMAGE}", "a FROM of another image than BASE_IMAGE (python:3.6)")]
    [TestCase("COPY --from=alpine:3 /x /y", "a COPY --from of an image (alpine:3)")]
    public void What_the_hash_cannot_see_is_named(string dockerfile, string unseen) =>
        Assert.That(RecipeOf(dockerfile).Unseen, Is.EqualTo(new[] { unseen }));

    [TestCase("ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY present.txt /x")]
    [TestCase("FROM $BASE_IMAGE AS build\nFROM scratch\nCOPY --from=build /a /b")]
    [TestCase("FROM --platform=linux/amd64 ${BASE_IMAGE} as app\nCOPY --from=app /a /b")]
    [TestCase("FROM scratch\nADD present.txt /x")]
    [TestCase("FROM ${BASE_IMAGE}\nCOPY overwatch-src/receiver/ /r/")]
    public void Everything_seen(string dockerfile) =>
        Assert.That(RecipeOf(dockerfile).Unseen, Is.Empty);

    [Test]
    public void Checked_in_app_dockerfile_is_fully_seen()
    {
        var recipe = ImageRecipeReader.Read(new ImageSpec("overwatch", Path.Combine(RepoPaths.Root, "docker", "Dockerfile"), Path.Combine(RepoPaths.Root, "docker"))
        {
            SourceTree = "overwatch-src",
        });

        Assert.That(recipe.Unseen, Is.Empty, "docker/Dockerfile can be skipped when nothing changed");
        Assert.That(recipe.Files.Select(f => f.Path), Is.EqualTo(new[] { "overwatch-start" }));
    }

    private static ImageRecipe RecipeOf(string dockerfile)
    {
        using var context = new TempDirectory("owb-app-inputs");
        File.WriteAllText(context.Combine("Dockerfile"), dockerfile + "\n");
        File.WriteAllText(context.Combine("present.txt"), "here\n");
        return ImageRecipeReader.Read(new ImageSpec("app", context.Combine("Dockerfile"), context.Path) { SourceTree = "overwatch-src" });
    }

    private static string HashAfter(Action<string, Inputs> change, string baseId = BaseId, string commit = Commit)
    {
        using var context = new TempDirectory("owb-app-inputs");
        File.WriteAllText(context.Combine("Dockerfile"), Dockerfile);
        File.WriteAllText(context.Combine("Dockerfile.build"), "FROM scratch\n");
        File.WriteAllText(context.Combine("overwatch-start"), "#!/bin/sh\nexec supervisord\n");
        File.SetUnixFileMode(context.Combine("overwatch-start"), (UnixFileMode)0b110_100_100);
        Directory.CreateDirectory(context.Combine("conf"));
        File.WriteAllText(context.Combine("conf", "main.cfg"), "x=0\n");
        Directory.CreateDirectory(context.Combine("overwatch-src"));
        var inputs = Default() with { Commit = commit, BaseId = baseId };
        change(context.Path, inputs);
        var recipe = ImageRecipeReader.Read(new ImageSpec("app", context.Combine("Dockerfile"), context.Path) { SourceTree = "overwatch-src" });
        Assert.That(recipe.Unseen, Is.Empty);
        return AppInputs.Hash(recipe, inputs.Commit, inputs.BuildArgs, inputs.Labels, inputs.BaseId);
    }
}
