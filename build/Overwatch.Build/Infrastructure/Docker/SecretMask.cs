using System.Text.RegularExpressions;

namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>
/// Hides secrets in text. A long secret is hidden wherever it occurs; a short one only where it stands
/// alone, since hiding every 'e' of a one-letter password would both mangle the output and show where
/// the password's letters are.
/// </summary>
public sealed class SecretMask
{
    private const int SafeSubstringLength = 8;
    private readonly List<Func<string, string>> masks = [];

    public void Add(string secret)
    {
        if (secret.Length == 0) return;
        if (secret.Length >= SafeSubstringLength)
        {
            masks.Add(text => text.Replace(secret, "***", StringComparison.Ordinal));
            return;
        }
        var alone = new Regex(@"(?<![\p{L}\p{N}_])" + Regex.Escape(secret) + @"(?![\p{L}\p{N}_])", RegexOptions.CultureInvariant);
        masks.Add(text => alone.Replace(text, "***"));
    }

    public string Apply(string text) => masks.Aggregate(text, (current, mask) => mask(current));
}
