namespace Overwatch.Build.Containers;

/// <summary>One line of <c>supervisorctl status</c>: a program, its state and what supervisord says about it.</summary>
public sealed record ProgramState(string Program, SupervisorState State, string Description)
{
    public bool IsRunning => State == SupervisorState.Running;
}

/// <summary>
/// Reads <c>supervisorctl status</c>. Its exit status says little (0 with a program in BACKOFF on the supervisor
/// of the published images), so the lines decide; lines that are not a program's state (a refused connection
/// while supervisord starts) are left out.
/// </summary>
public static class SupervisorStatus
{
    public static IReadOnlyList<ProgramState> Parse(string output)
    {
        var programs = new List<ProgramState>();
        foreach (var line in output.Split('\n'))
        {
            var fields = line.Trim().Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2 || SupervisorStates.Parse(fields[1]) is not { } state) continue;
            // A program of a group is listed as GROUP:NAME; our programs are their own groups.
            var name = fields[0].Contains(':') && fields[0].Split(':') is [var group, var program] && group == program ? program : fields[0];
            programs.Add(new ProgramState(name, state, fields.Length > 2 ? fields[2].Trim() : ""));
        }
        return programs;
    }

    /// <summary>Null when every program is RUNNING, else what is not (or that nothing answered yet).</summary>
    public static string? Problem(string output)
    {
        var programs = Parse(output);
        if (programs.Count == 0) return "supervisord does not answer yet";
        var waiting = programs.Where(p => !p.IsRunning).Select(p => $"{p.Program} {p.State.Text()}").ToList();
        return waiting.Count == 0 ? null : string.Join(", ", waiting);
    }
}
