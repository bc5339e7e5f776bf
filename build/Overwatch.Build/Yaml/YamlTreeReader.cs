using YamlDotNet.Core;

namespace Overwatch.Build.Yaml;

/// <summary>
/// Parses YAML text into <see cref="YamlValue"/>s: aliases followed, merge keys (<c>&lt;&lt;: *a</c>,
/// <c>&lt;&lt;: [*a, *b]</c>, merges of merges) applied with explicit keys winning, and
/// <c>!expandVars</c> scalars expanded from the given environment. Within <see cref="YamlLimits"/>, in time
/// linear in the text plus what aliases add: each node is resolved once and shared by its aliases.
/// </summary>
public static class YamlTreeReader
{
    public const string ExpandVarsTag = "!expandVars";

    /// <summary>Tags of Overwatch's own config (<c>overwatch/base/config.py</c>), kept as written for config.yaml.</summary>
    public static readonly IReadOnlyList<string> OverwatchTags = ["!joinPaths", "!findRunPageTemplates", "!bcrypt", "!secretKey"];

    private const string CoreTagPrefix = "tag:yaml.org,2002:";

    /// <summary>What <see cref="Read"/> reports for a document with no content; the images file words it its own way.</summary>
    public static readonly YamlProblem EmptyDocument = new("(document)", null, "the deploy configuration is empty; see docs/deploy-config.md for an example");

    /// <summary>Returns the root, or null with the reasons in <paramref name="problems"/>.</summary>
    public static YamlValue? Read(string text, IReadOnlyDictionary<string, string?> environment, ICollection<YamlProblem> problems,
        YamlLimits? limits = null)
    {
        limits ??= YamlLimits.Default;
        if (YamlInputCheck.Check(text, limits) is { } refused)
        {
            problems.Add(refused);
            return null;
        }
        YamlNode? root;
        try
        {
            root = YamlNodeBuilder.Build(text, limits);
        }
        catch (YamlRefusedException e)
        {
            problems.Add(new YamlProblem("(document)", e.Line, e.Message));
            return null;
        }
        catch (YamlException e)
        {
            var reason = (e.InnerException?.Message ?? e.Message).Trim();
            problems.Add(new YamlProblem("(document)", (int)e.Start.Line,
                $"the YAML cannot be parsed: {FirstLine(reason)}; fix the syntax at that line"));
            return null;
        }
        if (root is null)
        {
            problems.Add(EmptyDocument);
            return null;
        }
        return new Resolver(environment, problems).Resolve(root, "");
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    private sealed class Resolver(IReadOnlyDictionary<string, string?> environment, ICollection<YamlProblem> problems)
    {
        // An alias is the node it names: resolving it once keeps reading linear and the result is immutable.
        private readonly Dictionary<YamlNode, YamlValue> _resolved = new(ReferenceEqualityComparer.Instance);

        public YamlValue Resolve(YamlNode node, string path)
        {
            if (_resolved.TryGetValue(node, out var done)) return done;
            CheckTag(node, path);
            YamlValue value = node.Kind switch
            {
                YamlNodeKind.Scalar => Scalar(node),
                YamlNodeKind.Sequence => new YamlList(
                    node.Children.Select((child, i) => Resolve(child, $"{path}[{i}]")).ToList(), node.Line, Tag(node)),
                _ => Map(node, path),
            };
            return _resolved[node] = value;
        }

        private void CheckTag(YamlNode node, string path)
        {
            if (node.Tag is not { } tag || OverwatchTags.Contains(tag) || (tag == ExpandVarsTag && node.Kind == YamlNodeKind.Scalar)) return;
            var shown = tag.StartsWith(CoreTagPrefix, StringComparison.Ordinal) ? "!!" + tag[CoreTagPrefix.Length..] : tag;
            problems.Add(new YamlProblem(path == "" ? "(document)" : path, node.Line,
                tag == ExpandVarsTag
                    ? $"{ExpandVarsTag} applies to a single value, not a map or a list; put it on each value"
                    : $"unknown YAML tag '{shown}'; remove it (known: {ExpandVarsTag} on a value, and Overwatch's {string.Join(", ", OverwatchTags)} kept for config.yaml)"));
        }

        private static string? Tag(YamlNode node) =>
            node.Tag is { } tag && OverwatchTags.Contains(tag) ? tag : null;

        private YamlScalar Scalar(YamlNode node)
        {
            var quoted = node.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted
                or ScalarStyle.Literal or ScalarStyle.Folded;
            var text = node.Value;
            if (!quoted && node.Tag is null && text is "" or "~" or "null" or "Null" or "NULL") text = null;
            if (node.Tag == ExpandVarsTag)
            {
                return new YamlScalar(EnvironmentExpander.Expand(text ?? "", environment), Quoted: true, node.Line);
            }
            return new YamlScalar(text, quoted, node.Line, Tag(node));
        }

        private YamlMap Map(YamlNode node, string path)
        {
            var entries = new MapEntries();
            for (var i = 0; i < node.Children.Count; i += 2)
            {
                if (!IsMergeKey(node.Children[i])) continue;
                foreach (var source in MergeSources(node.Children[i + 1], path))
                {
                    // Of several merged maps, the first one listed wins (YAML merge key rules).
                    foreach (var entry in source.Entries) entries.AddIfAbsent(entry);
                }
            }
            var explicitKeys = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < node.Children.Count; i += 2)
            {
                var keyNode = node.Children[i];
                if (keyNode.Kind != YamlNodeKind.Scalar)
                {
                    problems.Add(new YamlProblem(path == "" ? "(document)" : path, keyNode.Line,
                        "a key is a map or a list; keys must be plain names"));
                    continue;
                }
                var key = (YamlScalar)Resolve(keyNode, path);
                if (!explicitKeys.TryAdd(key.Text ?? "\0null", key.Line))
                {
                    problems.Add(new YamlProblem(Join(path, key.Text ?? "null"), key.Line,
                        $"the key '{key.Text ?? "null"}' is given twice in one map (first at line {explicitKeys[key.Text ?? "\0null"]}); keep one"));
                    continue;
                }
                if (IsMergeKey(keyNode)) continue;
                var value = Resolve(node.Children[i + 1], Join(path, key.Text ?? "null"));
                // A block map or list starts on the line after its key; problems point at the key.
                if (value is YamlMap or YamlList) value = value with { Line = key.Line };
                // Explicit keys override merged ones and keep the merged key's position.
                entries.Set(new YamlEntry(key, value));
            }
            return new YamlMap(entries.List, node.Line, Tag(node));
        }

        private IEnumerable<YamlMap> MergeSources(YamlNode value, string path)
        {
            var sources = value.Kind == YamlNodeKind.Sequence ? value.Children : [value];
            foreach (var source in sources)
            {
                if (source.Kind == YamlNodeKind.Mapping) yield return (YamlMap)Resolve(source, path);
                else problems.Add(new YamlProblem(Join(path, "<<"), source.Line,
                    "a merge key (<<) must name a map anchor, e.g. '<<: *baseExecutionOptions'"));
            }
        }

        private static bool IsMergeKey(YamlNode key) => key.IsPlainScalar("<<");
    }

    /// <summary>Map entries in order with a position index, so merging n keys takes n steps, not n².</summary>
    private sealed class MapEntries
    {
        private readonly Dictionary<string, int> _positions = new(StringComparer.Ordinal);
        private int _nullPosition = -1;

        public List<YamlEntry> List { get; } = [];

        public void AddIfAbsent(YamlEntry entry)
        {
            if (IndexOf(entry.Key.Text) < 0) Append(entry);
        }

        public void Set(YamlEntry entry)
        {
            var index = IndexOf(entry.Key.Text);
            if (index >= 0) List[index] = entry; else Append(entry);
        }

        private int IndexOf(string? key) => key is null ? _nullPosition : _positions.GetValueOrDefault(key, -1);

        private void Append(YamlEntry entry)
        {
            if (entry.Key.Text is { } key) _positions[key] = List.Count; else _nullPosition = List.Count;
            List.Add(entry);
        }
    }

    public static string Join(string path, string key) => path == "" ? key : $"{path}.{key}";
}
