using NUnit.Framework;
using Overwatch.Build.Images;
using Overwatch.Build.Images.Plan;
using Overwatch.Build.Images.Refs;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Images.Plan;

/// <summary>
/// The hash in the base image's tag: what builds the image changes it (Dockerfile.build, its build arguments, the
/// context files it copies, their mode); what does not reach the image leaves it alone.
/// </summary>
public sealed class BaseInputsTests
{
    private const string Dockerfile = """
        ARG PYTHON_VERSION
        FROM python:${PYTHON_VERSION}-stretch
        # a comment line
        COPY --chown=overwatch:overwatch scripts/ /opt/scripts/
        COPY setup.sh \
             /usr/local/bin/
        COPY ["conf/*.cfg", "/etc/overwatch/"]
        COPY --from=builder /out /opt/out
        ADD https://example.org/ca.tar.gz /tmp/
        RUN echo done

        """;

    private static readonly Dictionary<string, Action<string>> Changes = new()
    {
        ["Dockerfile.build edited"] = c => File.AppendAllText(Path.Combine(c, "Dockerfile.build"), "RUN echo more\n"),
        ["Dockerfile.build comment edited"] = c => Rewrite(c, "Dockerfile.build", t => t.Replace("a comment line", "another comment")),
        ["copied file edited"] = c => File.AppendAllText(Path.Combine(c, "setup.sh"), "echo changed\n"),
        ["copied file made executable"] = c => File.SetUnixFileMode(Path.Combine(c, "setup.sh"), (UnixFileMode)0b111_101_101),
        ["file added to a copied directory"] = c => File.WriteAllText(Path.Combine(c, "scripts", "new.sh"), "echo new\n"),
        ["file in a copied directory renamed"] = c => File.Move(Path.Combine(c, "scripts", "a.sh"), Path.Combine(c, "scripts", "b.sh")),
        ["file in a copied subdirectory edited"] = c => File.WriteAllText(Path.Combine(c, "scripts", "lib", "x.sh"), "echo x2\n"),
        ["file matching a wildcard added"] = c => File.WriteAllText(Path.Combine(c, "conf", "extra.cfg"), "x=1\n"),
        ["file matching a wildcard edited"] = c => File.WriteAllText(Path.Combine(c, "conf", "main.cfg"), "y=2\n"),
        ["copied symlink retargeted"] = c => { File.Delete(Path.Combine(c, "scripts", "link")); File.CreateSymbolicLink(Path.Combine(c, "scripts", "link"), "lib/other"); },
        ["copied file removed"] = c => File.Delete(Path.Combine(c, "setup.sh")),
    };

    private static readonly Dictionary<string, Action<string>> NonChanges = new()
    {
        ["context file nothing copies edited"] = c => File.WriteAllText(Path.Combine(c, "Dockerfile"), "FROM other\n"),
        ["new file nothing copies"] = c => File.WriteAllText(Path.Combine(c, "notes.txt"), "hello\n"),
        ["file not matching the wildcard added"] = c => File.WriteAllText(Path.Combine(c, "conf", "readme.md"), "docs\n"),
        ["Dockerfile.build with CRLF line endings"] = c => Rewrite(c, "Dockerfile.build", t => t.Replace("\n", "\r\n")),
        ["timestamps of copied files"] = c => File.SetLastWriteTimeUtc(Path.Combine(c, "setup.sh"), new DateTime(2001, 1, 1)),
        ["nothing"] = _ => { },
    };

    public static IEnumerable<string> ChangeNames => Changes.Keys;

    public static IEnumerable<string> NonChangeNames => NonChanges.Keys;

    [TestCaseSource(nameof(ChangeNames))]
    public void Changes_the_hash(string change) =>
        Assert.That(HashAfter(Changes[change]), Is.Not.EqualTo(HashAfter(_ => { })), change);

    [TestCaseSource(nameof(NonChangeNames))]
    public void Leaves_the_hash_alone(string change) =>
        Assert.That(HashAfter(NonChanges[change]), Is.EqualTo(HashAfter(_ => { })), change);

    [Test]
    public void Build_arguments_change_the_hash()
    {
        var recipe = new ImageRecipe("FROM scratch\n", []);
        Assert.That(BaseInputs.Hash(recipe, Args("3.6.7")), Is.Not.EqualTo(BaseInputs.Hash(recipe, Args("3.7.1"))));
        Assert.That(BaseInputs.Hash(recipe, Args("3.6.7")), Is.EqualTo(BaseInputs.Hash(recipe, Args("3.6.7"))));
    }

    [Test]
    public void Field_boundaries_cannot_be_shifted_between_name_and_value()
    {
        var recipe = new ImageRecipe("FROM scratch\n", []);
        var a = BaseInputs.Hash(recipe, new Dictionary<string, string> { ["A"] = "B=C" });
        var b = BaseInputs.Hash(recipe, new Dictionary<string, string> { ["A=B"] = "C" });
        Assert.That(a, Is.Not.EqualTo(b));
    }

    [Test]
    public void Hash_is_twelve_lowercase_hex_digits_and_the_tag_names_the_python_version()
    {
        var hash = BaseInputs.Hash(new ImageRecipe("FROM scratch\n", []), Args("3.6.7"));

        Assert.That(hash, Does.Match("^[0-9a-f]{12}$"));
        Assert.That(BaseInputs.Tag(PythonVersion.Parse("3.6.7", "test"), hash), Is.EqualTo("py3.6.7-" + hash));
    }

    [TestCase("COPY a b /dst/", new[] { "a", "b" })]
    [TestCase("copy ./a /dst/", new[] { "a" })]
    [TestCase("COPY --chown=1:1 --chmod=755 /a/ /dst/", new[] { "a" })]
    [TestCase("COPY . /dst/", new[] { "*" })]
    [TestCase("COPY ${SRC} /dst/", new[] { "*" })]
    [TestCase("COPY file[12] /dst/", new[] { "*" })]
    [TestCase("COPY --from=build /a /dst/", new string[0])]
    [TestCase("ADD https://example.org/x.tgz /dst/", new string[0])]
    [TestCase("ADD x.tgz /dst/", new[] { "x.tgz" })]
    [TestCase("COPY [\"a b\", \"c\", \"/dst/\"]", new[] { "a b", "c" })]
    [TestCase("RUN cp a b", new string[0])]
    [TestCase("# COPY a /dst/", new string[0])]
    [TestCase("COPY a \\\n  b \\\n  /dst/", new[] { "a", "b" })]
    [TestCase("# escape=`\nCOPY a `\n  /dst/", new[] { "a" })]
    public void Sources_of_copy_and_add_are_read_from_the_context(string dockerfile, string[] sources) =>
        Assert.That(DockerfileCopies.Sources(dockerfile), Is.EqualTo(sources));

    [TestCase("*.cfg", "main.cfg", true)]
    [TestCase("*.cfg", "sub/main.cfg", false)]
    [TestCase("conf/*.cfg", "conf/main.cfg", true)]
    [TestCase("conf/?.cfg", "conf/a.cfg", true)]
    [TestCase("conf/?.cfg", "conf/ab.cfg", false)]
    [TestCase("*/x", "a/x", true)]
    public void Wildcards_match_within_one_path_segment(string pattern, string path, bool matches) =>
        Assert.That(ImageRecipeReader.Matches(pattern, path), Is.EqualTo(matches));

    [Test]
    public void Labels_and_the_commit_do_not_change_the_base_but_change_the_app()
    {
        var recipe = new ImageRecipe("FROM scratch\n", []);
        var one = BuildPlanner.Create(PlanInputs.For(GitRef.ForBranch("master", RefSource.Git)) with { BaseRecipe = recipe });
        var other = BuildPlanner.Create(PlanInputs.For(GitRef.ForTag("v2.0.0", RefSource.Git), revision: "fedcba9876543210fedcba9876543210fedcba98") with { BaseRecipe = recipe });

        Assert.That(other.Images.Select(i => i.CurrentBase), Is.EqualTo(one.Images.Select(i => i.CurrentBase)));
        Assert.That(one.Images[1].CurrentBase, Is.EqualTo($"docker.io/rehlers/overwatch-base:py3.6.7-{BaseInputs.Hash(recipe, Args("3.6.7"))}"));
        Assert.That(one.Images[1].BuildArgs["BASE_IMAGE"], Is.EqualTo(one.Images[1].CurrentBase));
        Assert.That(one.Images[0].CurrentBase, Is.Not.EqualTo(one.Images[1].CurrentBase.Replace("3.6.7", "2.7.15")), "each Python version has its own hash");
    }

    [Test]
    public void Checked_in_base_dockerfile_copies_nothing_from_its_context()
    {
        var recipe = ImageRecipeReader.Read(new ImageSpec("overwatch-base", Path.Combine(RepoPaths.Root, "docker", "Dockerfile.build"), Path.Combine(RepoPaths.Root, "docker")));

        Assert.That(recipe.Files, Is.Empty, "a COPY added to docker/Dockerfile.build makes its files part of the hash");
        Assert.That(recipe.Dockerfile, Does.Contain("ROOT_VERSION"));
    }

    private static Dictionary<string, string> Args(string python) => new() { ["PYTHON_VERSION"] = python };

    private static void Rewrite(string context, string name, Func<string, string> edit) =>
        File.WriteAllText(Path.Combine(context, name), edit(File.ReadAllText(Path.Combine(context, name))));

    private static string HashAfter(Action<string> change)
    {
        using var context = new TempDirectory("owb-base-inputs");
        File.WriteAllText(context.Combine("Dockerfile.build"), Dockerfile);
        File.WriteAllText(context.Combine("Dockerfile"), "FROM base\n");
        File.WriteAllText(context.Combine("setup.sh"), "echo setup\n");
        File.SetUnixFileMode(context.Combine("setup.sh"), (UnixFileMode)0b110_100_100);
        Directory.CreateDirectory(context.Combine("scripts", "lib"));
        File.WriteAllText(context.Combine("scripts", "a.sh"), "echo a\n");
        File.WriteAllText(context.Combine("scripts", "lib", "x.sh"), "echo x\n");
        File.CreateSymbolicLink(context.Combine("scripts", "link"), "lib/x.sh");
        Directory.CreateDirectory(context.Combine("conf"));
        File.WriteAllText(context.Combine("conf", "main.cfg"), "x=0\n");
        change(context.Path);
        var recipe = ImageRecipeReader.Read(new ImageSpec("base", context.Combine("Dockerfile.build"), context.Path));
        return BaseInputs.Hash(recipe, Args("3.6.7"));
    }
}
