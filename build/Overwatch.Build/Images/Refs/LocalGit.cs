using Overwatch.Build.Infrastructure.Processes;

namespace Overwatch.Build.Images.Refs;

/// <summary>
/// Asks the git CLI about the checkout in <paramref name="directory"/>; no git or no repository means "unknown",
/// and <see cref="Problem"/> says why, so the caller can say what that changes.
/// </summary>
public sealed class LocalGit(string directory, IProcessRunner runner) : ILocalGit
{
    public string? Problem { get; private set; }

    public string? CurrentBranch() => FirstLine("symbolic-ref", "--short", "-q", "HEAD");

    public IReadOnlyList<string> TagsAtHead() => Lines("tag", "--points-at", "HEAD");

    public string? HeadRevision() => FirstLine("rev-parse", "--verify", "-q", "HEAD");

    public DateTimeOffset? HeadCommitTime() =>
        long.TryParse(FirstLine("log", "-1", "--format=%ct", "HEAD"), out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    private string? FirstLine(params string[] arguments) => Lines(arguments).FirstOrDefault();

    private IReadOnlyList<string> Lines(params string[] arguments)
    {
        try
        {
            var result = runner.Run(new ProcessSpec("git", arguments) { WorkingDirectory = directory });
            if (!result.Succeeded)
            {
                // A quiet failure is an answer (a detached HEAD, no commit); "fatal:" is git unable to look.
                Problem ??= result.LastLines.FirstOrDefault(l => l.StartsWith("fatal:", StringComparison.Ordinal))?.Trim();
                return [];
            }
            return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        catch (ProgramNotFoundException)
        {
            Problem ??= "git is not installed";
            return [];
        }
    }
}
