namespace Overwatch.Build.Containers;

/// <summary>The smoke test's outcome for one Python version.</summary>
public enum SmokeState
{
    Passed,
    Failed,
    Skipped,
}

/// <summary>One version's smoke test: its state, the failure line when it failed, and how long it took.</summary>
public sealed record SmokeResult(string Python, SmokeState State, string? Failure, TimeSpan Duration);

/// <summary>
/// What the smoke test of this run found, per Python version, for whatever reports the run (the push summary,
/// a publish record): passed, failed (and why), or skipped under --skip-smoke-test. Empty when it did not run.
/// </summary>
public sealed class SmokeResults
{
    private readonly List<SmokeResult> results = [];

    public IReadOnlyList<SmokeResult> All
    {
        get { lock (results) return results.ToList(); }
    }

    public void Add(SmokeResult result)
    {
        lock (results) results.Add(result);
    }

    public bool AnySkipped => All.Any(r => r.State == SmokeState.Skipped);

    /// <summary>"smoke-tested: yes/no/skipped" per version, e.g. <c>3.6.7 yes, 2.7.15 skipped</c>.</summary>
    public string Summary => string.Join(", ", All.Select(r => $"{r.Python} {(r.State switch { SmokeState.Passed => "yes", SmokeState.Failed => "no", _ => "skipped" })}"));
}
