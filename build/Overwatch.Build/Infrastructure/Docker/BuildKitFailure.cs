using System.Text.RegularExpressions;

namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>
/// The failed step of a BuildKit build, read from its plain progress output (--progress=plain): the step as the
/// Dockerfile names it ("[3/4] RUN pip install ..."), BuildKit's error, and the step's last lines of output, so a
/// failure reads as the legacy builder's does (its step, then its last lines) and not as a Dockerfile excerpt.
/// </summary>
/// <param name="Step">The failed step, or null when the build failed outside any step (e.g. a Dockerfile syntax error).</param>
public sealed partial record BuildKitFailure(string? Step, string Error, IReadOnlyList<string> Lines)
{
    /// <summary>The failure in the last lines of a build's output; null when they hold no BuildKit error.</summary>
    public static BuildKitFailure? Parse(IReadOnlyList<string> output)
    {
        var final = output.LastOrDefault(l => l.StartsWith("ERROR: ", StringComparison.Ordinal));
        if (final is null) return null;
        var error = Shorten(final["ERROR: ".Length..]);

        // The step lines BuildKit numbers (#N): its title, its output (#N SECONDS TEXT) and its error (#N ERROR: ...).
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        string? failed = null;
        foreach (var line in output)
        {
            if (StepLine().Match(line) is not { Success: true } match) continue;
            var (number, text) = (match.Groups[1].Value, match.Groups[2].Value);
            if (Output().Match(text) is { Success: true } printed) Add(lines, number, printed.Groups[1].Value);
            else if (text.StartsWith("ERROR: ", StringComparison.Ordinal)) failed = titles.TryGetValue(number, out var title) && IsDockerfileStep(title) ? number : failed;
            else titles.TryAdd(number, text); // a step's first line is its title
        }

        // The box BuildKit prints after the error repeats the failed step's last lines: all there is when the tail of
        // the output no longer holds the step's own lines.
        var (boxTitle, boxLines) = LastStepBox(output);
        var step = failed is not null ? titles[failed] : boxTitle;
        var stepLines = failed is not null && lines.TryGetValue(failed, out var own) ? own : boxLines;
        return new BuildKitFailure(step, error, stepLines);
    }

    /// <summary>
    /// As the user sees it: what failed, at which step, the exit code and BuildKit's error on one line, then the step's
    /// last lines, indented like <see cref="Processes.ProcessResult.Failure"/>.
    /// </summary>
    public string Describe(string what, int exitCode, int lines = 10)
    {
        var head = $"{what} failed (exit code {exitCode}){(Step is null ? "" : $" at step {Step}")}: {Error}";
        return Lines.Count == 0 ? head : head + Environment.NewLine + string.Join(Environment.NewLine, Lines.TakeLast(lines).Select(l => "  | " + l));
    }

    private static (string? Title, List<string> Lines) LastStepBox(IReadOnlyList<string> output)
    {
        for (var i = output.Count - 1; i >= 1; i--)
        {
            if (!output[i].StartsWith(" > ", StringComparison.Ordinal) || output[i - 1] != "------") continue;
            var title = output[i][3..].TrimEnd(':');
            if (!IsDockerfileStep(title)) continue;
            var lines = output.Skip(i + 1).TakeWhile(l => l != "------").Select(l => Output().Match(l) is { Success: true } m ? m.Groups[1].Value : l).ToList();
            return (title, lines);
        }
        return (null, []);
    }

    // "[internal] load build context" and "importing cache manifest from ..." are BuildKit's own steps, not the Dockerfile's.
    private static bool IsDockerfileStep(string title) => title.StartsWith('[') && !title.StartsWith("[internal]", StringComparison.Ordinal);

    private static void Add(Dictionary<string, List<string>> lines, string number, string line)
    {
        if (!lines.TryGetValue(number, out var list)) lines[number] = list = [];
        list.Add(line);
    }

    /// <summary>"failed to solve: process "/bin/sh -c CMD" did not complete successfully: exit code: 3" → "the command exited with code 3".</summary>
    private static string Shorten(string error)
    {
        error = error.StartsWith("failed to solve: ", StringComparison.Ordinal) ? error["failed to solve: ".Length..] : error;
        return ProcessExit().Match(error) is { Success: true } exit ? $"the command exited with code {exit.Groups[1].Value}" : error;
    }

    [GeneratedRegex(@"^#(\d+) (.*)$")]
    private static partial Regex StepLine();

    [GeneratedRegex(@"^\d+\.\d+ (.*)$")]
    private static partial Regex Output();

    [GeneratedRegex(@"^process "".*"" did not complete successfully: exit code: (\d+)$", RegexOptions.Singleline)]
    private static partial Regex ProcessExit();
}
