using System.Text.RegularExpressions;

namespace Overwatch.Build.Containers;

/// <summary>
/// Reads a container's log for the signs that uwsgi runs but will never serve the web app: nginx then answers 502 or
/// 500 for ever while every program is RUNNING, so waiting out the time limit only hides the cause. uwsgi logs them at
/// each request, so they are there right after the first answer.
/// </summary>
public static partial class WebAppLoad
{
    /// <summary>uwsgi without its Python plugin: nothing handles the requests (modifier 0 is Python's).</summary>
    private const string NoPython = "unavailable modifier requested: 0";

    /// <summary>uwsgi whose Python could not import the web app (an import error, a wrong module name).</summary>
    private const string NoApplication = "no python application found";

    /// <summary>Why the web app cannot load, in one phrase with the fix where one is known; null when the log shows no sign.</summary>
    public static string? Failure(IReadOnlyList<string> log)
    {
        if (log.Any(l => l.Contains(NoPython, StringComparison.Ordinal)))
            return $"uwsgi runs without Python (its log says '{NoPython}'): " +
                "add plugins: python3 to executables.webApp.uwsgi in the deploy YAML (a uwsgi like Debian's loads Python as a plugin)";
        var noApplication = Array.FindLastIndex(log.ToArray(), l => l.Contains(NoApplication, StringComparison.Ordinal));
        if (noApplication < 0) return null;
        var error = log.Take(noApplication).Select(l => PythonError().Match(l)).LastOrDefault(m => m.Success)?.Groups["error"].Value.Trim();
        return $"uwsgi could not import the web app ('{NoApplication}')" + (error is null ? "" : $": {error}");
    }

    /// <summary>The last line of a Python traceback, e.g. <c>ImportError: No module named nowhere</c>, after any prefix (compose's service name).</summary>
    [GeneratedRegex(@"(?:^|\s)(?<error>(?:[A-Za-z_][A-Za-z0-9_]*\.)*[A-Za-z_][A-Za-z0-9_]*(?:Error|Exception)(?:: .*)?)$")]
    private static partial Regex PythonError();
}
