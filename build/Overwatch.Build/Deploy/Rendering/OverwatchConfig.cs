using Overwatch.Build.Yaml;
using Overwatch.Build.Deploy.Model;

namespace Overwatch.Build.Deploy.Rendering;

/// <summary>
/// The Overwatch user config: the top-level entries of every enabled Overwatch program's additionalOptions,
/// later programs replacing earlier keys, plus <c>databaseLocation</c> pointing at zodb when it runs.
/// </summary>
public static class OverwatchConfig
{
    public static YamlMap Merge(DeployConfig config)
    {
        var entries = new List<YamlEntry>();
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var options in config.EnabledExecutables.Where(e => e.Kind.IsOverwatchProgram()).Select(e => e.AdditionalOptions).OfType<YamlMap>())
        {
            foreach (var entry in options.Entries.Where(e => !e.Key.IsNull))
            {
                if (positions.TryGetValue(entry.Key.Text!, out var index)) entries[index] = entry;
                else { positions[entry.Key.Text!] = entries.Count; entries.Add(entry); }
            }
        }
        if (config.Zodb?.Zodb is { } zodb && config.ExplicitDatabaseLocation is null)
        {
            entries.Add(new YamlEntry(ConfigRenderer.Key("databaseLocation"), new YamlScalar(zodb.ClientUrl, Quoted: true, Line: 0)));
        }
        return new YamlMap(entries, 0);
    }
}
