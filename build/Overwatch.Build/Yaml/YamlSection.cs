using System.Globalization;

namespace Overwatch.Build.Yaml;

/// <summary>
/// Typed reads from one YAML map. A value of the wrong type is recorded as a problem naming its path
/// and line, and the caller gets the fallback, so one pass reports every mistake.
/// </summary>
internal sealed class YamlSection(YamlMap map, string path, ICollection<YamlProblem> problems)
{
    public YamlMap Map => map;
    public string Path => path;
    public int Line => map.Line;

    public string PathOf(string key) => YamlTreeReader.Join(path, key);

    public YamlValue? Value(string key) => map[key] is YamlScalar { IsNull: true } ? null : map[key];

    public int LineOf(string key) => map.Find(key)?.Key.Line ?? map.Line;

    public string? String(string key)
    {
        switch (Value(key))
        {
            case null: return null;
            case YamlScalar scalar: return scalar.Text;
            default:
                Problem(key, "expected a single value (text), not a map or a list");
                return null;
        }
    }

    public string String(string key, string fallback) => String(key) ?? fallback;

    public bool Bool(string key, bool fallback)
    {
        var value = Value(key);
        if (value is null) return fallback;
        if (value is YamlScalar { Text: { } text } && !((YamlScalar)value).Quoted)
        {
            switch (text.ToLowerInvariant())
            {
                case "true" or "yes" or "on": return true;
                case "false" or "no" or "off": return false;
            }
        }
        Problem(key, $"expected true or false, got {Describe(value)}");
        return fallback;
    }

    public int? Int(string key)
    {
        var value = Value(key);
        if (value is null) return null;
        if (value is YamlScalar { Text: { } text }
            && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }
        Problem(key, $"expected a whole number, got {Describe(value)}");
        return null;
    }

    public YamlSection? Section(string key)
    {
        switch (Value(key))
        {
            case null: return null;
            case YamlMap child: return new YamlSection(child, PathOf(key), problems);
            case var other:
                Problem(key, $"expected a map of options, got {Describe(other)}");
                return null;
        }
    }

    public void RejectUnknown(IReadOnlyCollection<string> known)
    {
        foreach (var entry in map.Entries)
        {
            if (entry.Key.Text is null || known.Contains(entry.Key.Text)) continue;
            problems.Add(new YamlProblem(PathOf(entry.Key.Text), entry.Key.Line,
                $"unknown option '{entry.Key.Text}'; valid here: {string.Join(", ", known)}"));
        }
    }

    public void Problem(string key, string message) => problems.Add(new YamlProblem(PathOf(key), LineOf(key), message));

    public static string Describe(YamlValue value) => value switch
    {
        YamlScalar { Text: { } text } => $"'{text}'",
        YamlScalar => "null",
        YamlMap => "a map",
        _ => "a list",
    };
}
