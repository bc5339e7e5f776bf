using NUnit.Framework;
using Overwatch.Build.Inputs;
using Overwatch.Build.Infrastructure.Processes;
using Overwatch.Build.Images.Refs;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Images.Refs;

/// <summary>Ref detection against a real temporary git repository, through <see cref="LocalGit"/> and <see cref="ProcessRunner"/>.</summary>
public sealed class RefDetectorLocalGitTests
{
    private TempDirectory repository = null!;
    private string head = null!;

    [SetUp]
    public void CreateRepositoryWithOneCommit()
    {
        RequiredProgram.Find("git");
        repository = new TempDirectory("owb-git");
        Git("init", "-q", "-b", "master");
        File.WriteAllText(repository.Combine("README"), "overwatch\n");
        Git("add", "README");
        Git("-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "first");
        head = Git("rev-parse", "HEAD").Trim();
    }

    [TearDown]
    public void RemoveRepository() => repository?.Dispose();

    [Test]
    public void Checked_out_branch_is_a_branch_build_with_head_revision()
    {
        Git("checkout", "-q", "-b", "feature/x-docker");

        var detected = Detect();

        Assert.That(detected.Ref, Is.EqualTo(GitRef.ForBranch("feature/x-docker", RefSource.Git)));
        Assert.That(detected.Revision, Is.EqualTo(head));
    }

    [Test]
    public void Branch_wins_over_a_tag_at_head()
    {
        Git("tag", "v1.2.3");

        var detected = Detect();

        Assert.That(detected.Ref, Is.EqualTo(GitRef.ForBranch("master", RefSource.Git)));
    }

    [Test]
    public void Detached_head_with_a_tag_is_a_tag_build()
    {
        Git("checkout", "-q", "--detach");
        Git("tag", "v1.2.3");

        var detected = Detect();

        Assert.That(detected.Ref, Is.EqualTo(GitRef.ForTag("v1.2.3", RefSource.Git)));
        Assert.That(detected.Revision, Is.EqualTo(head));
    }

    [Test]
    public void Detached_head_without_a_tag_is_a_usage_error()
    {
        Git("checkout", "-q", "--detach");

        var error = Assert.Throws<UsageException>(() => Detect());

        Assert.That(error!.Message, Does.Contain("detached").And.Contain("--tag=NAME"));
    }

    [Test]
    public void Directory_that_is_not_a_repository_is_a_usage_error()
    {
        using var empty = new TempDirectory("owb-nogit");
        var git = new LocalGit(empty.Path, new ProcessRunner());

        Assert.That(git.HeadRevision(), Is.Null);
        Assert.Throws<UsageException>(() => RefDetector.Detect(null, null, CiEnvironment.None, git));
    }

    [Test]
    public void Head_revision_and_commit_time_come_from_one_git_process_read_ahead()
    {
        var runner = new CountingRunner();
        var git = new LocalGit(repository.Path, runner);

        git.ReadHeadAhead();
        var (revision, committed) = (git.HeadRevision(), git.HeadCommitTime());

        Assert.Multiple(() =>
        {
            Assert.That(revision, Is.EqualTo(head));
            Assert.That(committed, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(long.Parse(Git("log", "-1", "--format=%ct").Trim()))));
            Assert.That(runner.Started, Is.EqualTo(1));
            Assert.That(git.Problem, Is.Null);
        });
    }

    private BuildSource Detect() =>
        RefDetector.Detect(null, null, CiEnvironment.None, new LocalGit(repository.Path, new ProcessRunner()));

    private string Git(params string[] arguments)
    {
        var result = new ProcessRunner().Run(new ProcessSpec("git", arguments) { WorkingDirectory = repository.Path });
        Assert.That(result.ExitCode, Is.Zero, $"git {string.Join(' ', arguments)} failed:\n{result.Tail()}");
        return result.StandardOutput;
    }

    private sealed class CountingRunner : IProcessRunner
    {
        private readonly ProcessRunner runner = new();
        private int started;

        public int Started => started;

        public ProcessResult Run(ProcessSpec spec, Action<string>? stream = null)
        {
            Interlocked.Increment(ref started);
            return runner.Run(spec, stream);
        }

        public int RunAttached(ProcessSpec spec) => throw new NotSupportedException();
    }
}
