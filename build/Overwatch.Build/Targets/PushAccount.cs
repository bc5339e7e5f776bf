namespace Overwatch.Build.Targets;

/// <summary>Which references of one publish were pushed, skipped, or not (yet) pushed, for a true account after a failure.</summary>
public sealed class PushAccount(IReadOnlyList<string> planned)
{
    private readonly List<string> pushed = [];
    private readonly List<string> skipped = [];

    public void Pushed(string reference) => pushed.Add(reference);

    public void Skipped(string reference) => skipped.Add(reference);

    public string Describe()
    {
        var notPushed = planned.Except(pushed).Except(skipped).ToList();
        var parts = new List<string>
        {
            "Pushed: " + (pushed.Count == 0 ? "none" : string.Join(", ", pushed)),
        };
        if (skipped.Count > 0) parts.Add("unchanged: " + string.Join(", ", skipped));
        parts.Add("not pushed: " + (notPushed.Count == 0 ? "none" : string.Join(", ", notPushed)));
        return string.Join("; ", parts) + ".";
    }
}
