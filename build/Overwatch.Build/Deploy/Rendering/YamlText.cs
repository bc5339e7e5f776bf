using System.Globalization;
using System.Text;
using Overwatch.Build.Yaml;

namespace Overwatch.Build.Deploy.Rendering;

/// <summary>One line of a block-style YAML document; the templates lay the lines out.</summary>
public sealed record YamlLine(string Indent, bool Dash, string? Key, string? Value);

/// <summary>
/// Turns YAML values into lines and scalar tokens for the YAML templates. Plain scalars are written as
/// they were read (they were valid plain YAML already); everything else is double-quoted.
/// </summary>
public static class YamlText
{
    private const string IndentUnit = "    ";

    public static IReadOnlyList<YamlLine> Lines(YamlMap map)
    {
        var lines = new List<YamlLine>();
        AddMap(map, 0, lines);
        return lines;
    }

    public static string Token(YamlScalar scalar)
    {
        var tag = scalar.Tag is null ? "" : scalar.Tag + " ";
        if (scalar.Text is null) return tag + "null";
        // A plain scalar can hold a line break (an empty line inside it folds to one); written plain it would start a new entry.
        return tag + (scalar.Quoted || scalar.Text.Any(char.IsControl) ? Quote(scalar.Text) : scalar.Text);
    }

    public static string Quote(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }
        return builder.Append('"').ToString();
    }

    private static void AddMap(YamlMap map, int depth, List<YamlLine> lines)
    {
        // `null: null` entries are placeholders in real configs; they carry nothing.
        foreach (var entry in map.Entries.Where(e => !e.Key.IsNull))
        {
            Add(Indent(depth), dash: false, Token(entry.Key), entry.Value, depth, lines);
        }
    }

    private static void Add(string indent, bool dash, string? key, YamlValue value, int depth, List<YamlLine> lines)
    {
        var tag = value.Tag;
        switch (value)
        {
            case YamlScalar scalar:
                lines.Add(new YamlLine(indent, dash, key, Token(scalar)));
                break;
            case YamlMap { Entries.Count: 0 }:
                lines.Add(new YamlLine(indent, dash, key, Join(tag, "{}")));
                break;
            case YamlList { Items.Count: 0 }:
                lines.Add(new YamlLine(indent, dash, key, Join(tag, "[]")));
                break;
            case YamlMap map:
                lines.Add(new YamlLine(indent, dash, key, tag));
                AddMap(map, depth + 1, lines);
                break;
            case YamlList list:
                lines.Add(new YamlLine(indent, dash, key, tag));
                foreach (var item in list.Items) Add(Indent(depth + 1), dash: true, key: null, item, depth + 1, lines);
                break;
        }
    }

    private static string Join(string? tag, string value) => tag is null ? value : $"{tag} {value}";

    private static string Indent(int depth) => string.Concat(Enumerable.Repeat(IndentUnit, depth));
}
