using System.Globalization;
using System.Text;

namespace Overwatch.Build.Yaml;

/// <summary>
/// Refuses what is not YAML text before the parser sees it: too many bytes, or characters YAML does not
/// allow (binary data, a file that is not UTF-8), with the line and column of the first one.
/// </summary>
public static class YamlInputCheck
{
    public static YamlProblem? Check(string text, YamlLimits limits)
    {
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > limits.MaxBytes)
        {
            return new YamlProblem("(document)", null,
                string.Create(CultureInfo.InvariantCulture, $"the deploy configuration is {bytes:N0} bytes, more than the limit of {limits.MaxBytes:N0} ({YamlLimits.Describe(limits.MaxBytes)}); a deploy configuration is a few KB, check that this is the right file"));
        }
        var line = 1;
        var column = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n') { line++; column = 1; continue; }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; column++; continue; }
            if (!IsAllowed(c, i))
            {
                var what = c == '\uFFFD' ? "bytes that are not UTF-8" : $"the character U+{(int)c:X4}";
                return new YamlProblem("(document)", line,
                    $"the deploy configuration is not YAML text: column {column.ToString(CultureInfo.InvariantCulture)} holds {what}; a deploy configuration is UTF-8 text, check that this is the right file");
            }
            column++;
        }
        return null;
    }

    // YAML's printable set (tab, CR, LF, x20-x7E, x85, xA0 and up, BOM first); U+FFFD is what a decoder makes of invalid UTF-8.
    private static bool IsAllowed(char c, int index) => c switch
    {
        '\t' or '\r' or '\n' or '\u0085' => true,
        '\uFEFF' => index == 0,
        '\uFFFD' or '\uFFFE' or '\uFFFF' => false,
        _ when char.IsSurrogate(c) => false,
        _ => c is >= '\u0020' and <= '\u007E' || c >= '\u00A0',
    };
}
