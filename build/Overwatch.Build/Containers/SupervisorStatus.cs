namespace Overwatch.Build.Containers;

/// <summary>One line of <c>supervisorctl status</c>: a program, its state and what supervisord says about it.</summary>
public sealed record ProgramState(string Program, string State, string Description)
{
    public bool IsRunning => State == SupervisorStatus.Running;
}

/// <summary>
/// Reads <c>supervisorctl status</c>. Its exit status says little (0 with a program in BACKOFF on the supervisor
/// of the published images), so the lines decide; lines that are not a program's state (a refused connection
/// while supervisord starts) are left out.
/// </summary>
public static class SupervisorStatus
{
    public const string Running = "RUNNING";

    public static readonly IReadOnlySet<string> States = new HashSet<string>(StringComparer.Ordinal)
    {
        "STOPPED", "STARTING", Running, "BACKOFF", "STOPPING", "EXITED", "FATAL", "UNKNOWN",
    };

    /// <summary>States a program does not leave without help: it will not be RUNNING whatever the wait.</summary>
    public static readonly IReadOnlySet<string> Final = new HashSet<string>(StringComparer.Ordinal) { "FATAL", "STOPPED", "UNKNOWN" };

    public static IReadOnlyList<ProgramState> Parse(string output)
    {
        var programs = new List<ProgramState>();
        foreach (var line in output.Split('\n'))
        {
            var fields = line.Trim().Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2 || !States.Contains(fields[1])) continue;
            // A program of a group is listed as GROUP:NAME; our programs are their own groups.
            var name = fields[0].Contains(':') && fields[0].Split(':') is [var group, var program] && group == program ? program : fields[0];
            programs.Add(new ProgramState(name, fields[1], fields.Length > 2 ? fields[2].Trim() : ""));
        }
        return programs;
    }

    /// <summary>Null when every program is RUNNING, else what is not (or that nothing answered yet).</summary>
    public static string? Problem(string output)
    {
        var programs = Parse(output);
        if (programs.Count == 0) return "supervisord does not answer yet";
        var waiting = programs.Where(p => !p.IsRunning).Select(p => $"{p.Program} {p.State}").ToList();
        return waiting.Count == 0 ? null : string.Join(", ", waiting);
    }
}
