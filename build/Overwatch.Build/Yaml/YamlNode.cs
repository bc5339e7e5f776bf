using YamlDotNet.Core;

namespace Overwatch.Build.Yaml;

internal enum YamlNodeKind { Scalar, Sequence, Mapping }

/// <summary>
/// A node as parsed, before merge keys and tags are applied. An alias is the very node it names, so a
/// document is a graph whose expanded size and height are counted as it is built (see <see cref="YamlNodeBuilder"/>).
/// </summary>
internal sealed class YamlNode(YamlNodeKind kind, string? tag, int line)
{
    public YamlNodeKind Kind => kind;
    public string? Tag => tag;
    public int Line => line;

    public string? Value { get; init; }
    public ScalarStyle Style { get; init; }

    /// <summary>Items of a sequence; keys and values alternating for a mapping.</summary>
    public List<YamlNode> Children { get; } = [];

    public bool Complete { get; set; }

    /// <summary>Nodes in this node's subtree, aliases counted as what they expand to.</summary>
    public long Size { get; set; } = 1;

    /// <summary>Characters of the scalars in this subtree, aliases counted as what they expand to.</summary>
    public long TextLength { get; set; }

    /// <summary>Collection levels in this subtree (0 for a scalar).</summary>
    public int Height { get; set; }

    /// <summary>Aliases followed one inside another in this subtree.</summary>
    public int AliasDepth { get; set; }

    public bool IsPlainScalar(string text) => kind == YamlNodeKind.Scalar && Style == ScalarStyle.Plain && Value == text;
}
