using System.Text.RegularExpressions;

namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>What `docker push` says when it is done: "TAG: digest: sha256:... size: N".</summary>
public static partial class PushOutput
{
    /// <summary>The manifest digest the registry now holds under the pushed tag, or null when the output has none.</summary>
    public static string? Digest(string output) =>
        Pattern().Matches(output) is { Count: > 0 } matches ? matches[^1].Groups[1].Value : null;

    [GeneratedRegex(@"\bdigest: (sha256:[0-9a-f]{64})\b")]
    private static partial Regex Pattern();
}
