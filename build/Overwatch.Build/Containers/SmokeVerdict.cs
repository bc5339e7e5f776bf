namespace Overwatch.Build.Containers;

/// <summary>A program the smoke test expects: long-running ones must be RUNNING, short-lived ones may have EXITED.</summary>
public sealed record ExpectedProgram(string Name, bool ShortLived);

/// <summary>
/// The smoke test's decisions, without running anything: from the container's state, supervisord's status lines
/// and the last HTTP answer, whether the image passed, failed (and which check, why), or is still starting.
/// </summary>
public static class SmokeVerdict
{
    /// <summary>Answers nginx gives while uwsgi is still starting: keep waiting.</summary>
    private static readonly HashSet<int> Starting = [502, 503, 504];

    /// <summary>Whether the container still runs (or is about to): otherwise nothing it runs will answer.</summary>
    public static bool IsUp(string state) =>
        state.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["running", ..] or ["created", ..] or ["restarting", ..];

    /// <summary>
    /// The container stopped: why, from its last log lines. A missing rendered configuration is not a wrong start
    /// command: the start command looked where the files should be and they were not there.
    /// </summary>
    public static SmokeFailure Stopped(string state, IReadOnlyList<string> log)
    {
        var fields = state.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var status = fields.Length > 1 ? $" with exit status {fields[1]}" : "";
        var missing = log.Any(l => l.Contains("could not find config file " + AppContainer.SupervisordConf, StringComparison.Ordinal)
            || l.Contains("overwatch-start: nothing to run", StringComparison.Ordinal));
        return new SmokeFailure(SmokeCheck.ProgramNotRunning, missing
            ? $"the container stopped{status}: its start command found no rendered configuration at {AppContainer.SupervisordConf} " +
              "(the rendered files did not reach the container), so it had nothing to run"
            : $"the container stopped{status} before its programs ran (is the image's start command right?)");
    }

    /// <summary>Every program runs but the answer is not the expected one, and the log says the web app cannot load.</summary>
    public static SmokeFailure? WebApp(IReadOnlyList<string> log) =>
        WebAppLoad.Failure(log) is { } why ? new SmokeFailure(SmokeCheck.WebAppNotLoaded, why, "webApp") : null;

    /// <summary>A program that will not be RUNNING whatever the wait (FATAL, STOPPED, a long-running one EXITED).</summary>
    public static SmokeFailure? Programs(IReadOnlyList<ExpectedProgram> expected, IReadOnlyList<ProgramState> states)
    {
        foreach (var program in expected)
        {
            if (states.FirstOrDefault(s => s.Program == program.Name) is not { } state) continue;
            var given = state.State.IsFinal() || (state.State == SupervisorState.Exited && !program.ShortLived);
            if (given) return new SmokeFailure(SmokeCheck.ProgramNotRunning, Describe(state), program.Name);
        }
        return null;
    }

    /// <summary>What is not running yet, e.g. <c>webApp is BACKOFF (Exited too quickly)</c>; empty when all are.</summary>
    public static string NotYetRunning(IReadOnlyList<ExpectedProgram> expected, IReadOnlyList<ProgramState> states)
    {
        if (states.Count == 0) return "supervisord does not answer supervisorctl";
        var waiting = expected
            .Select(p => (Program: p, State: states.FirstOrDefault(s => s.Program == p.Name)))
            .Where(p => p.State is null || !(p.State.IsRunning || (p.Program.ShortLived && p.State.State == SupervisorState.Exited)))
            .Select(p => p.State is null ? $"{p.Program.Name} is not known to supervisord" : Describe(p.State));
        return string.Join(", ", waiting);
    }

    /// <summary>An answer other than the expected one that waiting will not change (nginx's 502-504 while uwsgi starts will).</summary>
    public static SmokeFailure? Http(int expected, HttpAnswer answer, string request) =>
        answer.Status is { } status && status != expected && !Starting.Contains(status)
            ? new SmokeFailure(SmokeCheck.HttpStatus, $"{request} answered {answer}, expected {expected}")
            : null;

    /// <summary>The time limit passed: says what was still missing, the programs first.</summary>
    public static SmokeFailure TimeOut(TimeSpan limit, string notRunning, int expected, HttpAnswer? last, string request)
    {
        var seconds = $"{limit.TotalSeconds:0.#} s";
        if (notRunning.Length > 0) return new SmokeFailure(SmokeCheck.TimeOut, $"after {seconds}: {notRunning}");
        if (last?.Status is { } status)
            return new SmokeFailure(SmokeCheck.HttpStatus, $"{request} still answered {last} after {seconds}, expected {expected}");
        return new SmokeFailure(SmokeCheck.TimeOut, $"{request} gave no answer within {seconds}{(last is null ? "" : $" ({last.Detail})")}");
    }

    private static string Describe(ProgramState state) =>
        state.Description.Length > 0 ? $"{state.Program} is {state.State.Text()} ({state.Description})" : $"{state.Program} is {state.State.Text()}";
}
