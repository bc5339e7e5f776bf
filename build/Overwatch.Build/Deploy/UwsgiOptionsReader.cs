using Overwatch.Build.Yaml;
using Overwatch.Build.Deploy.Model;

namespace Overwatch.Build.Deploy;

/// <summary>
/// Reads a <c>uwsgi:</c> block. Everything in it is a uwsgi option except the executable switches merged in
/// from shared anchors (<c>enabled</c>, <c>runInBackground</c>, <c>forceRestart</c>), <c>additionalOptions</c>
/// (more uwsgi options, overridden by the block's own keys) and <c>socketsDir</c> (ours, not uwsgi's).
/// </summary>
internal static class UwsgiOptionsReader
{
    private static readonly HashSet<string> NotUwsgiOptions = ["enabled", "runInBackground", "forceRestart", "additionalOptions", "socketsDir"];

    public static UwsgiOptions? Read(YamlSection? section)
    {
        if (section is null) return null;
        var options = new List<UwsgiOption>();
        var additional = section.Section("additionalOptions");
        foreach (var source in new[] { additional, section }.OfType<YamlSection>())
        {
            foreach (var entry in source.Map.Entries)
            {
                if (entry.Key.Text is not { } key || (source == section ? NotUwsgiOptions.Contains(key) : key == "socketsDir")) continue;
                if (!IsUwsgiValue(entry.Value))
                {
                    source.Problem(key, "a uwsgi option takes a value or a list of values, not a map");
                    continue;
                }
                options.RemoveAll(o => o.Key == key);
                options.Add(new UwsgiOption(key, entry.Value));
            }
        }
        return new UwsgiOptions(
            section.Bool("enabled", false),
            options,
            section.String("socketsDir") ?? additional?.String("socketsDir"),
            section.Path,
            section.Line);
    }

    private static bool IsUwsgiValue(YamlValue value) =>
        value is YamlScalar || value is YamlList list && list.Items.All(i => i is YamlScalar);
}
