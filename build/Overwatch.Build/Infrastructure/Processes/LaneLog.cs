namespace Overwatch.Build.Infrastructure.Processes;

/// <summary>
/// The build log as lanes write to it at once: one line at a time (lines never interleave inside a line), each
/// prefixed with its lane, e.g. "[py3.6.7] ", so a version's lines can be told apart and grepped while the
/// versions run side by side. Lines are not held back: a step that runs for an hour (ROOT) still shows progress.
/// </summary>
public static class LaneLog
{
    public static Action<string> Wrap(Action<string> log)
    {
        var gate = new object();
        return line =>
        {
            var text = Lane.Current is { } lane ? Prefix(lane.Name, line) : line;
            lock (gate) log(text);
        };
    }

    /// <summary>Every line of a (possibly multi-line) text gets the prefix.</summary>
    public static string Prefix(string lane, string text) =>
        string.Join('\n', text.Split('\n').Select(line => $"[{lane}] {line}"));
}
