using System.Text.RegularExpressions;

namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>
/// A --cache-from image BuildKit could not read, from its plain progress: BuildKit only warns and runs every step
/// again, so the log must say it (a missing image, e.g. a first publish, differs from a refusal or an unreachable one).
/// </summary>
public sealed partial record CacheImport(string Reference, string Cause)
{
    public bool NotFound => Cause.EndsWith(": not found", StringComparison.Ordinal);

    /// <summary>The log line: a first build has nothing to reuse; anything else is a warning.</summary>
    public string Line => NotFound
        ? $"No layer cache in {Reference} to reuse (not in the registry); every step runs."
        : $"Warning: BuildKit could not read the layer cache of {Reference} ({Cause}); every step runs again.";

    /// <summary>The failed cache imports among a build's lines ("#N importing cache manifest from REF", then "#N ERROR: ...").</summary>
    public static IReadOnlyList<CacheImport> Failures(IEnumerable<string> lines)
    {
        var imports = new Dictionary<string, string>(StringComparer.Ordinal);
        var failures = new List<CacheImport>();
        foreach (var line in lines)
        {
            if (Importing().Match(line) is { Success: true } import) imports[import.Groups[1].Value] = import.Groups[2].Value;
            else if (Error().Match(line) is { Success: true } error && imports.Remove(error.Groups[1].Value, out var reference))
                failures.Add(new CacheImport(reference, Shorten(error.Groups[2].Value)));
        }
        return failures;
    }

    private static string Shorten(string cause)
    {
        const string prefix = "failed to configure registry cache importer: ";
        return cause.StartsWith(prefix, StringComparison.Ordinal) ? cause[prefix.Length..] : cause;
    }

    [GeneratedRegex(@"^#(\d+) importing cache manifest from (\S+)$")]
    private static partial Regex Importing();

    [GeneratedRegex(@"^#(\d+) ERROR: (.*)$")]
    private static partial Regex Error();
}
