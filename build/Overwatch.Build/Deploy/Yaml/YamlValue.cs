namespace Overwatch.Build.Deploy.Yaml;

/// <summary>
/// A YAML node after aliases and merge keys are resolved and <c>!expandVars</c> is applied.
/// Keeps the source line so problems can point at it.
/// </summary>
public abstract record YamlValue(int Line, string? Tag);

/// <summary>A scalar. <see cref="Text"/> is null for YAML null (<c>null</c>, <c>~</c> or empty, unquoted).</summary>
public sealed record YamlScalar(string? Text, bool Quoted, int Line, string? Tag = null) : YamlValue(Line, Tag)
{
    public bool IsNull => Text is null;
}

public sealed record YamlEntry(YamlScalar Key, YamlValue Value);

public sealed record YamlMap(IReadOnlyList<YamlEntry> Entries, int Line, string? Tag = null) : YamlValue(Line, Tag)
{
    public YamlEntry? Find(string key) => Entries.FirstOrDefault(e => e.Key.Text == key);

    public YamlValue? this[string key] => Find(key)?.Value;
}

public sealed record YamlList(IReadOnlyList<YamlValue> Items, int Line, string? Tag = null) : YamlValue(Line, Tag);
