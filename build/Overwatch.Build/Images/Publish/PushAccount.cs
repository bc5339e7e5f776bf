namespace Overwatch.Build.Images.Publish;

/// <summary>
/// The account of one publish, read from the publish record so it can never disagree with publish.json: which of its
/// references were pushed, skipped as unchanged, or not (yet) pushed, in the planned order, for a true account after
/// a failure.
/// </summary>
public static class PushAccount
{
    /// <summary>"Pushed: a, b; unchanged: c; not pushed: d." (the unchanged part only when there is one).</summary>
    /// <param name="status">What the record says of a reference, null when nobody reported on it.</param>
    public static string Describe(IReadOnlyList<string> planned, Func<string, ReferenceStatus?> status)
    {
        var done = planned.Where(r => status(r) == ReferenceStatus.Pushed).ToList();
        var unchanged = planned.Where(r => status(r) == ReferenceStatus.Skipped).ToList();
        var notPushed = planned.Except(done).Except(unchanged).ToList();
        var parts = new List<string> { "Pushed: " + (done.Count == 0 ? "none" : string.Join(", ", done)) };
        if (unchanged.Count > 0) parts.Add("unchanged: " + string.Join(", ", unchanged));
        parts.Add("not pushed: " + (notPushed.Count == 0 ? "none" : string.Join(", ", notPushed)));
        return string.Join("; ", parts) + ".";
    }
}
