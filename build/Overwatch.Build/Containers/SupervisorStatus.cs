namespace Overwatch.Build.Containers;

/// <summary>
/// <c>supervisorctl status</c> as program → state. Its exit status says nothing (0 also for BACKOFF or FATAL), so health
/// is read from the lines: every program RUNNING.
/// </summary>
public static class SupervisorStatus
{
    public static IReadOnlyList<(string Program, string State)> Parse(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 2)
            .Select(fields => (fields[0], fields[1]))
            .ToList();

    /// <summary>Null when every program is RUNNING, else what is not (or that nothing answered).</summary>
    public static string? Problem(string output)
    {
        var programs = Parse(output);
        if (programs.Count == 0) return "supervisord does not answer yet";
        var waiting = programs.Where(p => p.State != "RUNNING").Select(p => $"{p.Program} {p.State}").ToList();
        return waiting.Count == 0 ? null : string.Join(", ", waiting);
    }
}
