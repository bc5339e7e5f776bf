namespace Overwatch.Build.Processes;

/// <summary>How a process ended, with the last lines it printed (for error messages).</summary>
public sealed record ProcessResult(int ExitCode, IReadOnlyList<string> LastLines, string StandardOutput)
{
    public bool Succeeded => ExitCode == 0;

    public string Tail(int lines = 10) => string.Join(Environment.NewLine, LastLines.TakeLast(lines).Select(l => "  | " + l));
}
