namespace Overwatch.Build.Tests.Infra;

/// <summary>KEY=VALUE files (CI recordings, golden fixtures' env): '#' comments and blank lines skipped, empty values kept.</summary>
public static class EnvFile
{
    public static Dictionary<string, string?> Read(string path) => Parse(File.ReadAllLines(path));

    public static Dictionary<string, string?> Parse(IEnumerable<string> lines)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var line in lines.Where(l => l.Contains('=') && !l.StartsWith('#')))
        {
            var (key, value) = Split(line);
            values[key] = value;
        }
        return values;
    }

    /// <summary>Splits at the first '=': values may contain '='.</summary>
    public static (string Key, string Value) Split(string assignment)
    {
        var equals = assignment.IndexOf('=');
        if (equals <= 0) throw new FormatException($"'{assignment}' is not KEY=VALUE");
        return (assignment[..equals], assignment[(equals + 1)..]);
    }
}
