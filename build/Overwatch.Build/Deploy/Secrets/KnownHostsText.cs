using System.Security.Cryptography;
using System.Text;

namespace Overwatch.Build.Deploy.Secrets;

/// <summary>
/// Pure: reads known_hosts lines (<c>[@marker] HOSTS KEYTYPE BASE64 [comment]</c>, HOSTS plain or hashed
/// <c>|1|salt|hash</c>) to check pinned keys before anything is written.
/// </summary>
public static class KnownHostsText
{
    public sealed record Entry(string? Marker, string Hosts, string KeyType, int Line);

    /// <summary>The entries, or the number of the first line that is not a known_hosts line.</summary>
    public static (IReadOnlyList<Entry> Entries, int? BadLine) Parse(string text)
    {
        var entries = new List<Entry>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            var marker = fields[0].StartsWith('@') ? fields[0] : null;
            var rest = marker is null ? fields : fields[1..];
            if (rest.Length < 3 || !IsBase64(rest[2]) || marker is not (null or "@cert-authority" or "@revoked")) return (entries, i + 1);
            entries.Add(new Entry(marker, rest[0], rest[1], i + 1));
        }
        return (entries, null);
    }

    /// <summary>Whether a key (not a revocation) is pinned for <paramref name="name"/> (<c>host</c> or <c>[host]:port</c>).</summary>
    public static bool Pins(IEnumerable<Entry> entries, string name) =>
        entries.Any(e => e.Marker is null && e.Hosts.Split(',').Any(pattern => Matches(pattern, name)));

    private static bool Matches(string pattern, string name)
    {
        if (pattern.StartsWith("|1|", StringComparison.Ordinal))
        {
            var parts = pattern.Split('|');
            if (parts.Length != 4 || !IsBase64(parts[2]) || !IsBase64(parts[3])) return false;
            var hash = HMACSHA1.HashData(Convert.FromBase64String(parts[2]), Encoding.ASCII.GetBytes(name));
            return CryptographicOperations.FixedTimeEquals(hash, Convert.FromBase64String(parts[3]));
        }
        // Wildcards and negations are for people to write; a plain name is what ssh-keyscan prints.
        return string.Equals(pattern, name, StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsBase64(string text)
    {
        var buffer = new byte[text.Length];
        return text.Length > 0 && Convert.TryFromBase64String(text, buffer, out _);
    }
}
