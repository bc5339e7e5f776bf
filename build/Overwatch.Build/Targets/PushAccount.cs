namespace Overwatch.Build.Targets;

/// <summary>
/// Which references of one publish were pushed, skipped, or not (yet) pushed, for a true account after a failure.
/// Lanes report to it at once; the account lists references in the planned order.
/// </summary>
public sealed class PushAccount(IReadOnlyList<string> planned)
{
    private readonly HashSet<string> pushed = [];
    private readonly HashSet<string> skipped = [];

    public void Pushed(string reference)
    {
        lock (pushed) pushed.Add(reference);
    }

    public void Skipped(string reference)
    {
        lock (pushed) skipped.Add(reference);
    }

    public string Describe()
    {
        lock (pushed)
        {
            var done = planned.Where(pushed.Contains).ToList();
            var unchanged = planned.Where(skipped.Contains).ToList();
            var notPushed = planned.Except(pushed).Except(skipped).ToList();
            var parts = new List<string> { "Pushed: " + (done.Count == 0 ? "none" : string.Join(", ", done)) };
            if (unchanged.Count > 0) parts.Add("unchanged: " + string.Join(", ", unchanged));
            parts.Add("not pushed: " + (notPushed.Count == 0 ? "none" : string.Join(", ", notPushed)));
            return string.Join("; ", parts) + ".";
        }
    }
}
