namespace Overwatch.Build.Containers;

/// <summary>A program's state as supervisord reports it (supervisor's process states).</summary>
public enum SupervisorState
{
    Stopped,
    Starting,
    Running,
    Backoff,
    Stopping,
    Exited,
    Fatal,
    Unknown,
}

/// <summary>The states' names as <c>supervisorctl status</c> prints them (upper case), read once and printed back.</summary>
public static class SupervisorStates
{
    private static readonly IReadOnlyDictionary<string, SupervisorState> ByName =
        Enum.GetValues<SupervisorState>().ToDictionary(Text, StringComparer.Ordinal);

    /// <summary>The state a status line names, e.g. RUNNING; null for any other word.</summary>
    public static SupervisorState? Parse(string name) => ByName.TryGetValue(name, out var state) ? state : null;

    /// <summary>As supervisorctl prints it, e.g. BACKOFF.</summary>
    public static string Text(this SupervisorState state) => state.ToString().ToUpperInvariant();

    /// <summary>A state a program does not leave without help: it will not be RUNNING whatever the wait.</summary>
    public static bool IsFinal(this SupervisorState state) => state is SupervisorState.Fatal or SupervisorState.Stopped or SupervisorState.Unknown;
}
