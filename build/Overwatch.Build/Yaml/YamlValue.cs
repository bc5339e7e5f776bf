namespace Overwatch.Build.Yaml;

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
    // Built on first lookup; remembers which list it indexes, since `with { Entries = ... }` copies fields.
    private (IReadOnlyList<YamlEntry> Entries, Dictionary<string, YamlEntry> ByKey)? _index;

    /// <summary>The entry with this key (the first one, were there several).</summary>
    public YamlEntry? Find(string key)
    {
        if (Entries.Count <= 8) return Entries.FirstOrDefault(e => e.Key.Text == key);
        if (_index is not { } index || !ReferenceEquals(index.Entries, Entries))
        {
            var byKey = new Dictionary<string, YamlEntry>(StringComparer.Ordinal);
            foreach (var entry in Entries) if (entry.Key.Text is { } text) byKey.TryAdd(text, entry);
            _index = index = (Entries, byKey);
        }
        return index.ByKey.GetValueOrDefault(key);
    }

    public YamlValue? this[string key] => Find(key)?.Value;
}

public sealed record YamlList(IReadOnlyList<YamlValue> Items, int Line, string? Tag = null) : YamlValue(Line, Tag);
