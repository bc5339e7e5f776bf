using NUnit.Framework;
using Overwatch.Build.Images;
using Overwatch.Build.Infrastructure.Processes;
using Overwatch.Build.Inputs;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Images;

/// <summary>The app image's build context: the images file's context plus git archive of the planned commit, with real git and tar.</summary>
public sealed class SourceContextTests
{
    private TempDirectory work = null!;
    private ImageSpec app = null!;
    private string commit = null!;

    private string Checkout => work.Combine("checkout");

    [SetUp]
    public void MakeACheckoutAndAContext()
    {
        work = new TempDirectory("owb-source-context");
        Directory.CreateDirectory(work.Combine("docker"));
        File.WriteAllText(work.Combine("docker", "overwatch-start"), "#!/bin/sh\n");
        Directory.CreateDirectory(Path.Combine(Checkout, "overwatch"));
        File.WriteAllText(Path.Combine(Checkout, "overwatch", "run.py"), "committed\n");
        Git("init", "-q");
        Git("add", "-A");
        Git("-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "-q", "-m", "one");
        commit = Git("rev-parse", "HEAD").Trim();
        app = new ImageSpec("overwatch", work.Combine("docker", "Dockerfile"), work.Combine("docker")) { SourceTree = "overwatch-src" };
    }

    [TearDown]
    public void Remove() => work.Dispose();

    [Test]
    public void The_context_holds_the_images_files_context_and_the_commits_tracked_files_only()
    {
        File.WriteAllText(Path.Combine(Checkout, "overwatch", "run.py"), "changed, not committed\n");
        File.WriteAllText(Path.Combine(Checkout, "untracked.txt"), "never in the image\n");
        string directory;

        using (var context = SourceContext.Assemble(app, Checkout, commit, new ProcessRunner(), _ => { })!)
        {
            directory = context.Directory;
            Assert.That(File.ReadAllText(Path.Combine(directory, "overwatch-src", "overwatch", "run.py")), Is.EqualTo("committed\n"));
            Assert.That(File.Exists(Path.Combine(directory, "overwatch-start")), Is.True);
            Assert.That(File.Exists(Path.Combine(directory, "overwatch-src", "untracked.txt")), Is.False);
            Assert.That(Directory.Exists(Path.Combine(directory, "overwatch-src", ".git")), Is.False);
        }

        Assert.That(Directory.Exists(directory), Is.False, "removed after the build");
    }

    [Test]
    public void An_image_without_a_source_tree_builds_its_context_as_it_is()
    {
        Assert.That(SourceContext.Assemble(app with { SourceTree = null }, "/nonexistent", null, new ProcessRunner(), _ => { }), Is.Null);
    }

    [Test]
    public void A_commit_that_is_not_in_the_checkout_is_one_clear_line()
    {
        const string missing = "0123456789abcdef0123456789abcdef01234567";

        var error = Assert.Throws<UsageException>(() => SourceContext.Assemble(app, Checkout, missing, new ProcessRunner(), _ => { }));

        Assert.That(error!.Message, Is.EqualTo(
            $"commit {missing} is not in {Checkout}: fetch it (git -C {Checkout} fetch origin {missing}) or pass --source-dir=PATH of a clone that has it"));
    }

    [Test]
    public void A_directory_that_is_not_a_git_checkout_is_one_clear_line()
    {
        var error = Assert.Throws<UsageException>(() => SourceContext.Assemble(app, work.Combine("docker"), commit, new ProcessRunner(), _ => { }));

        Assert.That(error!.Message, Is.EqualTo(
            $"{work.Combine("docker")} is not a git checkout: the app image holds git archive of a commit; pass --source-dir=PATH of an Overwatch clone"));
    }

    private string Git(params string[] arguments)
    {
        var result = Shell.Run("git", ["-C", Checkout, .. arguments]);
        if (result.ExitCode != 0) throw new InvalidOperationException(result.ToString());
        return result.StandardOutput;
    }
}
