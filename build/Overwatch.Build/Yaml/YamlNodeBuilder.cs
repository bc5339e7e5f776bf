using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Overwatch.Build.Yaml;

/// <summary>A YAML document we refuse to read; the message says which limit and what to do.</summary>
internal sealed class YamlRefusedException(int? line, string message) : Exception(message)
{
    public int? Line => line;
}

/// <summary>
/// Builds <see cref="YamlNode"/>s from the parser's events without recursion, enforcing <see cref="YamlLimits"/>
/// as it goes: nesting depth, alias count, nodes added through aliases and aliases within aliases. An alias
/// to a node that is still open is a cycle (<c>a: &amp;a {&lt;&lt;: *a}</c>) and refused.
/// </summary>
internal static class YamlNodeBuilder
{
    /// <returns>The first document's root, or null for an empty stream.</returns>
    public static YamlNode? Build(string text, YamlLimits limits)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var open = new List<YamlNode>();
        YamlNode? first = null;
        var documents = 0;
        var aliases = 0;
        long expansion = 0;
        long expandedText = 0;
        var lastLine = 1;
        while (Next(parser, lastLine))
        {
            lastLine = LineOf(parser.Current!);
            switch (parser.Current)
            {
                case DocumentStart:
                    anchors.Clear();
                    break;
                case Scalar scalar:
                    Add(new YamlNode(YamlNodeKind.Scalar, TagOf(scalar), LineOf(scalar))
                        { Value = scalar.Value, Style = scalar.Style, Complete = true, TextLength = scalar.Value.Length }, scalar);
                    break;
                case SequenceStart start:
                    Open(new YamlNode(YamlNodeKind.Sequence, TagOf(start), LineOf(start)), start);
                    break;
                case MappingStart start:
                    Open(new YamlNode(YamlNodeKind.Mapping, TagOf(start), LineOf(start)), start);
                    break;
                case SequenceEnd or MappingEnd:
                    var closed = open[^1];
                    open.RemoveAt(open.Count - 1);
                    closed.Complete = true;
                    Attach(closed);
                    break;
                case AnchorAlias alias:
                    var line = LineOf(alias);
                    var name = alias.Value.Value;
                    if (!anchors.TryGetValue(name, out var target))
                        throw new YamlRefusedException(line, $"the alias '*{name}' names no anchor defined above it; define '&{name}' before using it");
                    if (!target.Complete)
                        throw new YamlRefusedException(line, $"the alias '*{name}' is inside the node anchored '&{name}' (an alias cycle); an alias can only name a node that ends before it");
                    if (++aliases > limits.MaxAliases)
                        throw new YamlRefusedException(line, $"more than {limits.MaxAliases} aliases; a deploy configuration needs a few dozen");
                    expansion += target.Size;
                    if (expansion > limits.MaxAliasExpansion)
                        throw new YamlRefusedException(line, $"the aliases expand to more than {limits.MaxAliasExpansion.ToString("N0", CultureInfo.InvariantCulture)} nodes (an alias bomb?); use fewer or smaller anchors");
                    expandedText += target.TextLength;
                    if (expandedText > limits.MaxAliasExpandedText)
                        throw new YamlRefusedException(line, $"the aliases repeat more than {YamlLimits.Describe(limits.MaxAliasExpandedText)} of text; use fewer or smaller anchors");
                    if (target.AliasDepth + 1 > limits.MaxAliasDepth)
                        throw new YamlRefusedException(line, $"aliases are nested more than {limits.MaxAliasDepth} deep (an alias inside an anchored node inside ...); flatten the anchors");
                    if (open.Count + target.Height > limits.MaxDepth)
                        throw new YamlRefusedException(line, $"'*{name}' nests the document deeper than {limits.MaxDepth} levels; flatten it");
                    Attach(target, throughAlias: true);
                    break;
            }
        }
        return first;

        void Add(YamlNode node, NodeEvent start)
        {
            Remember(node, start);
            Attach(node);
        }

        void Open(YamlNode node, NodeEvent start)
        {
            if (open.Count + 1 > limits.MaxDepth)
                throw new YamlRefusedException(node.Line, $"the document is nested deeper than {limits.MaxDepth} levels; a deploy configuration needs fewer than ten");
            Remember(node, start);
            node.Height = 1;
            open.Add(node);
        }

        void Remember(YamlNode node, NodeEvent start)
        {
            if (!start.Anchor.IsEmpty) anchors[start.Anchor.Value] = node;
        }

        void Attach(YamlNode node, bool throughAlias = false)
        {
            if (open.Count == 0)
            {
                if (documents++ == 0) first = node;
                return;
            }
            var parent = open[^1];
            parent.Children.Add(node);
            parent.Size += node.Size;
            parent.TextLength += node.TextLength;
            parent.Height = Math.Max(parent.Height, node.Height + 1);
            parent.AliasDepth = Math.Max(parent.AliasDepth, node.AliasDepth + (throughAlias ? 1 : 0));
        }
    }

    // YamlDotNet's scanner throws InvalidOperationException on some malformed flow collections (e.g. an extra ']').
    private static bool Next(Parser parser, int lastLine)
    {
        try
        {
            return parser.MoveNext();
        }
        catch (InvalidOperationException)
        {
            throw new YamlRefusedException(lastLine, "the YAML cannot be parsed after this line (a '[' or '{' left open?); fix the syntax there");
        }
    }

    private static int LineOf(ParsingEvent e) => (int)e.Start.Line;

    private static string? TagOf(NodeEvent e) => e.Tag.IsEmpty || e.Tag.IsNonSpecific ? null : e.Tag.Value;
}
