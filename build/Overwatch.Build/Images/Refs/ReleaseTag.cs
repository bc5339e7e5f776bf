using System.Text.RegularExpressions;

namespace Overwatch.Build.Images.Refs;

/// <summary>A release tag: X.Y, X.Y.Z or vX.Y.Z-PRE (the leading v optional). Patch and PreRelease are empty when absent.</summary>
public sealed partial record ReleaseTag(string Major, string Minor, string Patch, string PreRelease)
{
    public static ReleaseTag? Parse(string tag)
    {
        var match = Pattern().Match(tag);
        return match.Success
            ? new ReleaseTag(match.Groups["major"].Value, match.Groups["minor"].Value, match.Groups["patch"].Value, match.Groups["pre"].Value)
            : null;
    }

    /// <summary>
    /// Orders tags that point at one commit: final releases above pre-releases above other tags,
    /// then by version number (so v1.10.0 beats v1.9.0 and v1.2.3 beats v1.2.3-rc1).
    /// </summary>
    public static (int Kind, long Major, long Minor, long Patch) Precedence(string tag)
    {
        if (Parse(tag) is not { } release) return (0, 0, 0, 0);
        static long Number(string digits) => long.TryParse(digits, out var n) ? n : 0;
        return (release.PreRelease.Length > 0 ? 1 : 2, Number(release.Major), Number(release.Minor), Number(release.Patch));
    }

    [GeneratedRegex(@"^v?(?<major>0|[1-9][0-9]*)\.(?<minor>0|[1-9][0-9]*)(\.(?<patch>0|[1-9][0-9]*)(-(?<pre>[0-9A-Za-z][0-9A-Za-z.-]*))?)?\z")]
    private static partial Regex Pattern();
}
