using NUnit.Framework;
using Overwatch.Build.Images.Refs;
using Overwatch.Build.Infrastructure.Processes;
using Overwatch.Build.Inputs;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Images.Refs;

/// <summary>git that cannot read the checkout (real git, real directories): a warning with the consequence, an error under CI.</summary>
public sealed class GitWarningTests
{
    private static readonly BuildSource Unknown = new(GitRef.ForBranch("master", RefSource.Arguments), null);

    [Test]
    public void A_directory_that_is_no_repository_warns_that_the_revision_is_unknown()
    {
        using var directory = new TempDirectory("owb-nogit");
        var git = new LocalGit(directory.Path, new ProcessRunner());
        Assert.That(git.HeadRevision(), Is.Null);
        var lines = new List<string>();

        GitWarning.Check(git, directory.Path, Unknown, new EnvironmentVariables(new Dictionary<string, string?>()), lines.Add);

        Assert.That(lines.Single(), Does.StartWith($"Warning: git could not read {directory.Path} (fatal: not a git repository")
            .And.Contain("the images' revision label is 'unknown'"));
    }

    [Test]
    public void A_repository_of_another_user_is_dubious_to_git_and_an_error_under_ci()
    {
        RequiredProgram.Find("git");
        if (Environment.UserName != "root") RequiredProgram.Unavailable("chown to another user needs root");
        using var directory = new TempDirectory("owb-dubious");
        Assert.That(Shell.Run("git", "-C", directory.Path, "init", "-q").ExitCode, Is.EqualTo(0));
        Assert.That(Shell.Run("chown", "-R", "65534:65534", directory.Path).ExitCode, Is.EqualTo(0));
        var git = new LocalGit(directory.Path, new ProcessRunner());
        git.HeadRevision();

        var error = Assert.Throws<UsageException>(() => GitWarning.Check(git, directory.Path, Unknown,
            new EnvironmentVariables(new Dictionary<string, string?> { ["CI"] = "true" }), _ => { }));

        Assert.That(error!.Message, Does.Contain("dubious ownership").And.Contain($"git config --global --add safe.directory {directory.Path}"));
    }

    [Test]
    public void A_readable_checkout_says_nothing()
    {
        var lines = new List<string>();

        GitWarning.Check(new FakeGit(), "/src", Unknown, new EnvironmentVariables(new Dictionary<string, string?>()), lines.Add);

        Assert.That(lines, Is.Empty);
    }

    [TestCase("fatal: detected dubious ownership in repository at '/src'", GitProblemKind.DubiousOwnership)]
    [TestCase("fatal: not a git repository (or any of the parent directories): .git", GitProblemKind.NoCheckout)]
    [TestCase("fatal: your current branch 'master' does not have any commits yet", GitProblemKind.NoCheckout)]
    public void Git_fatal_lines_are_sorted_by_what_the_user_does(string line, GitProblemKind kind) =>
        Assert.That(GitProblem.FromFatal(line), Is.EqualTo(new GitProblem(kind, line)));

    [TestCase(GitProblemKind.DubiousOwnership, "mark it safe with: git config --global --add safe.directory /src")]
    [TestCase(GitProblemKind.NotInstalled, "install git")]
    [TestCase(GitProblemKind.NoCheckout, "run in a git checkout with at least one commit")]
    public void The_fix_follows_the_kind_of_problem_not_its_wording(GitProblemKind kind, string fix)
    {
        var lines = new List<string>();

        GitWarning.Check(new FakeGit { Problem = new GitProblem(kind, "some words") }, "/src", Unknown, new EnvironmentVariables(new Dictionary<string, string?>()), lines.Add);

        Assert.That(lines.Single(), Does.StartWith("Warning: git could not read /src (some words): ").And.EndWith("; " + fix));
    }

    private sealed class FakeGit : ILocalGit
    {
        public GitProblem? Problem { get; init; }
        public string? CurrentBranch() => "master";
        public IReadOnlyList<string> TagsAtHead() => [];
        public string? HeadRevision() => "abc";
    }
}
