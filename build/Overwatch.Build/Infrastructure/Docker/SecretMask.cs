using System.Text.RegularExpressions;

namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>
/// Hides secrets in text. A long secret is hidden wherever it occurs; a short one only where it stands
/// alone, since hiding every 'e' of a one-letter password would both mangle the output and show where
/// the password's letters are.
/// Safe to use from lanes running at once: a login may add a secret while other lanes mask their output.
/// </summary>
public sealed class SecretMask
{
    private const int SafeSubstringLength = 8;
    private readonly object gate = new();
    private IReadOnlyList<Func<string, string>> masks = [];

    public void Add(string secret)
    {
        if (secret.Length == 0) return;
        if (secret.Length >= SafeSubstringLength)
        {
            Append(text => text.Replace(secret, "***", StringComparison.Ordinal));
            return;
        }
        var alone = new Regex(@"(?<![\p{L}\p{N}_])" + Regex.Escape(secret) + @"(?![\p{L}\p{N}_])", RegexOptions.CultureInvariant);
        Append(text => alone.Replace(text, "***"));
    }

    public string Apply(string text) => Volatile.Read(ref masks).Aggregate(text, (current, mask) => mask(current));

    private void Append(Func<string, string> mask)
    {
        lock (gate) Volatile.Write(ref masks, [.. masks, mask]);
    }
}
