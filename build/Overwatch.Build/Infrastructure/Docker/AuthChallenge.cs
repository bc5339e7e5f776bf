using System.Text;

namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>
/// A registry's WWW-Authenticate challenge: "Basic realm=..." or "Bearer realm=...,service=...,scope=...".
/// Parameter values may be quoted, with commas and backslash escapes inside the quotes.
/// </summary>
public sealed record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);
    public bool IsBearer => Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);

    public string? this[string name] => Parameters.TryGetValue(name, out var value) ? value : null;

    /// <returns>The challenge, or null when the header is empty or not a scheme followed by name=value pairs.</returns>
    public static AuthChallenge? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return null;
        var text = header.Trim();
        var space = text.IndexOf(' ');
        var scheme = space < 0 ? text : text[..space];
        if (scheme.Length == 0 || scheme.Contains('=')) return null;
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = space < 0 ? text.Length : space + 1;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ' ' || text[i] == ',')) i++;
            if (i >= text.Length) break;
            var equals = text.IndexOf('=', i);
            if (equals < 0) return null;
            var name = text[i..equals].Trim();
            if (name.Length == 0 || name.Contains(' ')) return null;
            i = equals + 1;
            var value = new StringBuilder();
            if (i < text.Length && text[i] == '"')
            {
                for (i++; i < text.Length && text[i] != '"'; i++)
                    value.Append(text[i] == '\\' && i + 1 < text.Length ? text[++i] : text[i]);
                if (i >= text.Length) return null; // unterminated quote
                i++;
            }
            else
                for (; i < text.Length && text[i] != ','; i++) value.Append(text[i]);
            parameters[name] = value.ToString().Trim();
        }
        return new AuthChallenge(scheme, parameters);
    }
}
