using Overwatch.Build.Infrastructure.Processes;

namespace Overwatch.Build.Images.Refs;

/// <summary>
/// Asks the git CLI about the checkout in <paramref name="directory"/>; no git or no repository means "unknown",
/// and <see cref="Problem"/> says why, so the caller can say what that changes.
/// </summary>
public sealed class LocalGit : ILocalGit
{
    private readonly string directory;
    private readonly IProcessRunner runner;
    // The revision and the commit time of HEAD come from one git process, run once (each process costs a run milliseconds).
    private readonly Lazy<Head> head;
    private GitProblem? problem;

    public LocalGit(string directory, IProcessRunner runner)
    {
        this.directory = directory;
        this.runner = runner;
        head = new(ReadHead);
    }

    public GitProblem? Problem => Volatile.Read(ref problem);

    public string? CurrentBranch() => FirstLine("symbolic-ref", "--short", "-q", "HEAD");

    public IReadOnlyList<string> TagsAtHead() => Lines("tag", "--points-at", "HEAD");

    public string? HeadRevision() => head.Value.Revision;

    public DateTimeOffset? HeadCommitTime() => head.Value.Committed;

    /// <summary>Starts reading HEAD in the background, so git runs while the caller reads its other inputs.</summary>
    public void ReadHeadAhead() => ThreadPool.UnsafeQueueUserWorkItem(_ =>
    {
        try { _ = head.Value; }
        catch (Exception) { /* kept by the Lazy: the caller gets it when it asks for HEAD */ }
    }, null);

    private Head ReadHead() =>
        FirstLine("log", "-1", "--no-show-signature", "--format=%H %ct", "HEAD")?.Split(' ') is [var revision, var time]
        && long.TryParse(time, out var seconds)
            ? new Head(revision, DateTimeOffset.FromUnixTimeSeconds(seconds))
            : new Head(null, null);

    private string? FirstLine(params string[] arguments) => Lines(arguments).FirstOrDefault();

    private IReadOnlyList<string> Lines(params string[] arguments)
    {
        try
        {
            var result = runner.Run(new ProcessSpec("git", arguments) { WorkingDirectory = directory });
            if (!result.Succeeded)
            {
                // A quiet failure is an answer (a detached HEAD, no commit); "fatal:" is git unable to look.
                if (result.LastLines.FirstOrDefault(l => l.StartsWith("fatal:", StringComparison.Ordinal)) is { } fatal)
                    Report(GitProblem.FromFatal(fatal.Trim()));
                return [];
            }
            return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        catch (ProgramNotFoundException)
        {
            Report(GitProblem.NotInstalled);
            return [];
        }
    }

    // The first problem wins, also when HEAD is being read in the background at the same time.
    private void Report(GitProblem found) => Interlocked.CompareExchange(ref problem, found, null);

    // A class, not a tuple: Lazy of a reference type runs the framework's precompiled code, of a struct it is JIT-compiled.
    private sealed record Head(string? Revision, DateTimeOffset? Committed);
}
