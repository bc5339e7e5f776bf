using System.Text.RegularExpressions;

namespace Overwatch.Build.Deploy;

/// <summary>
/// What a value may hold where it ends up. Names become file names, supervisord section names and socket
/// names, so they are identifiers, never paths. Values written into supervisord.conf, database.conf or an
/// nginx site cannot be escaped for every reader there (INI lines, shell-style splitting, nginx tokens),
/// so the characters that would change the file's structure are refused instead.
/// </summary>
public static partial class ValueRules
{
    public const string IdentifierRule = "use letters, digits, '_' and '-', starting with a letter";

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex Identifier();

    // A host name, IPv4 or IPv6 address: never starting with '-', which ssh would read as an option.
    [GeneratedRegex("^[A-Za-z0-9_\\[][A-Za-z0-9._:\\[\\]-]{0,253}$")]
    private static partial Regex Host();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex UserName();

    public static bool IsIdentifier(string value) => Identifier().IsMatch(value);

    public static bool IsHost(string value) => Host().IsMatch(value);

    /// <summary>A host for ssh's command line and known_hosts: no brackets (ssh takes an IPv6 address bare, the port from -p).</summary>
    public static bool IsSshHost(string value) => IsHost(value) && !value.Contains('[') && !value.Contains(']');

    public static bool IsUserName(string value) => UserName().IsMatch(value);

    /// <summary>A line break or other control character would start a new line or section in an INI-style file.</summary>
    public static bool HasControlCharacter(string value) => value.Any(char.IsControl);

    /// <summary>Inside supervisord's <c>environment=KEY="value"</c>, a quote or backslash ends or escapes the quoting.</summary>
    public static bool BreaksQuoting(string value) => value.Contains('"') || value.Contains('\\');

    /// <summary>nginx splits on whitespace and ends directives at ';' and blocks at braces; '$' expands variables.</summary>
    public static char? NginxUnsafe(string value)
    {
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is ';' or '{' or '}' or '"' or '\'' or '#' or '$' or '\\') return c;
        }
        return null;
    }

    /// <summary>A directory below a root: relative, and no component is '..'.</summary>
    public static bool IsRelativeInside(string path) =>
        !Path.IsPathRooted(path) && !path.StartsWith('~') && path.Split('/', '\\').All(part => part != "..");

    public static string Show(char c) => c switch
    {
        ' ' => "a space",
        '\n' or '\r' => "a line break",
        _ when char.IsControl(c) || char.IsWhiteSpace(c) => $"the character U+{(int)c:X4}",
        _ => $"'{c}'",
    };
}
