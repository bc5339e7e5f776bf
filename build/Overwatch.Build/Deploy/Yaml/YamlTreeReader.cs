using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Overwatch.Build.Deploy.Yaml;

/// <summary>
/// Parses YAML text into <see cref="YamlValue"/>s: aliases followed, merge keys (<c>&lt;&lt;: *a</c>,
/// <c>&lt;&lt;: [*a, *b]</c>, merges of merges) applied with explicit keys winning, and
/// <c>!expandVars</c> scalars expanded from the given environment.
/// </summary>
public static class YamlTreeReader
{
    public const string ExpandVarsTag = "!expandVars";

    /// <summary>Returns the root, or null with the reasons in <paramref name="problems"/>.</summary>
    public static YamlValue? Read(string text, IReadOnlyDictionary<string, string?> environment, ICollection<DeployProblem> problems)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var reason = (e.InnerException?.Message ?? e.Message).Trim();
            problems.Add(new DeployProblem("(document)", (int)e.Start.Line,
                $"the YAML cannot be parsed: {FirstLine(reason)}; fix the syntax at that line"));
            return null;
        }
        if (stream.Documents.Count == 0)
        {
            problems.Add(new DeployProblem("(document)", null, "the deploy configuration is empty; see docs/deploy-config.md for an example"));
            return null;
        }
        return new Resolver(environment, problems).Resolve(stream.Documents[0].RootNode, "");
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    private sealed class Resolver(IReadOnlyDictionary<string, string?> environment, ICollection<DeployProblem> problems)
    {
        public YamlValue Resolve(YamlNode node, string path) => node switch
        {
            YamlScalarNode scalar => Scalar(scalar, path),
            YamlSequenceNode sequence => new YamlList(
                sequence.Children.Select((child, i) => Resolve(child, $"{path}[{i}]")).ToList(),
                LineOf(node), TagOf(node)),
            YamlMappingNode mapping => Map(mapping, path),
            _ => new YamlScalar(null, false, LineOf(node)),
        };

        private YamlScalar Scalar(YamlScalarNode node, string path)
        {
            var tag = TagOf(node);
            var quoted = node.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted
                or ScalarStyle.Literal or ScalarStyle.Folded;
            var text = node.Value;
            if (!quoted && tag is null && text is "" or "~" or "null" or "Null" or "NULL") text = null;
            if (tag == ExpandVarsTag)
            {
                return new YamlScalar(EnvironmentExpander.Expand(text ?? "", environment), Quoted: true, LineOf(node));
            }
            return new YamlScalar(text, quoted, LineOf(node), tag);
        }

        private YamlMap Map(YamlMappingNode node, string path)
        {
            var merged = new List<YamlEntry>();
            foreach (var (keyNode, valueNode) in node.Children)
            {
                if (keyNode is YamlScalarNode { Value: "<<", Style: ScalarStyle.Plain })
                {
                    foreach (var source in MergeSources(valueNode, path))
                    {
                        foreach (var entry in source.Entries)
                        {
                            // Of several merged maps, the first one listed wins (YAML merge key rules).
                            if (IndexOf(merged, entry.Key.Text) < 0) merged.Add(entry);
                        }
                    }
                }
            }
            foreach (var (keyNode, valueNode) in node.Children)
            {
                if (keyNode is YamlScalarNode { Value: "<<", Style: ScalarStyle.Plain }) continue;
                if (keyNode is not YamlScalarNode scalarKey)
                {
                    problems.Add(new DeployProblem(path == "" ? "(document)" : path, LineOf(keyNode),
                        "a key is a map or a list; keys must be plain names"));
                    continue;
                }
                var key = Scalar(scalarKey, path);
                var childPath = Join(path, key.Text ?? "null");
                var value = Resolve(valueNode, childPath);
                // A block map or list starts on the line after its key; problems point at the key.
                if (value is YamlMap or YamlList) value = value with { Line = key.Line };
                var entry = new YamlEntry(key, value);
                var index = IndexOf(merged, key.Text);
                // Explicit keys override merged ones and keep the merged key's position.
                if (index >= 0) merged[index] = entry; else merged.Add(entry);
            }
            return new YamlMap(merged, LineOf(node), TagOf(node));
        }

        private IEnumerable<YamlMap> MergeSources(YamlNode value, string path)
        {
            var sources = value is YamlSequenceNode list ? list.Children.ToList() : [value];
            foreach (var source in sources)
            {
                if (source is YamlMappingNode map) yield return Map(map, path);
                else problems.Add(new DeployProblem(Join(path, "<<"), LineOf(source),
                    "a merge key (<<) must name a map anchor, e.g. '<<: *baseExecutionOptions'"));
            }
        }

        private static int IndexOf(List<YamlEntry> entries, string? key) => entries.FindIndex(e => e.Key.Text == key);
    }

    public static string Join(string path, string key) => path == "" ? key : $"{path}.{key}";

    private static int LineOf(YamlNode node) => (int)node.Start.Line;

    private static string? TagOf(YamlNode node) => node.Tag.IsEmpty || node.Tag.IsNonSpecific ? null : node.Tag.Value;
}
