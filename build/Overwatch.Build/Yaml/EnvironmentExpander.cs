using System.Text.RegularExpressions;

namespace Overwatch.Build.Yaml;

/// <summary>
/// Expands <c>$NAME</c> and <c>${NAME}</c> like Python's <c>os.path.expandvars</c> (what the existing
/// deploy program used for <c>!expandVars</c>): unknown variables are left as written.
/// </summary>
public static partial class EnvironmentExpander
{
    [GeneratedRegex(@"\$(?:\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}|(?<name>[A-Za-z_][A-Za-z0-9_]*))")]
    private static partial Regex Variable();

    public static string Expand(string text, IReadOnlyDictionary<string, string?> environment) =>
        Variable().Replace(text, m =>
            environment.TryGetValue(m.Groups["name"].Value, out var value) && value is not null
                ? value.Replace("\n", "")
                : m.Value);

    /// <summary>Expands a leading <c>~</c> with HOME, then variables.</summary>
    public static string ExpandPath(string path, IReadOnlyDictionary<string, string?> environment)
    {
        if ((path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
            && environment.TryGetValue("HOME", out var home) && !string.IsNullOrEmpty(home))
        {
            path = home + path[1..];
        }
        return Expand(path, environment);
    }
}
