namespace Overwatch.Build.Infrastructure.Processes;

/// <summary>How a process ended, with the last lines it printed (for error messages).</summary>
public sealed record ProcessResult(int ExitCode, IReadOnlyList<string> LastLines, string StandardOutput)
{
    public bool Succeeded => ExitCode == 0 && !Stalled;

    /// <summary>The process printed nothing for its spec's stall limit and was stopped.</summary>
    public bool Stalled { get; init; }

    /// <summary>The last non-blank line printed, or the exit code when there was none.</summary>
    public string LastLine => LastLines.LastOrDefault(l => l.Trim().Length > 0)?.Trim() ?? $"exit code {ExitCode}";

    /// <summary>
    /// A failure as the user sees it: what failed and the exit code (and the fix, when known) on one line,
    /// then the last lines the program printed, indented.
    /// </summary>
    public string Failure(string what, string? fix = null) =>
        $"{what} (exit code {ExitCode}){(fix is null ? "" : ": " + fix)}{Environment.NewLine}{Tail()}";

    public string Tail(int lines = 10) => string.Join(Environment.NewLine, LastLines.TakeLast(lines).Select(l => "  | " + l));
}
