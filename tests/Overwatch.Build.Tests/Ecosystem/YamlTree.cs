using YamlDotNet.RepresentationModel;

namespace Overwatch.Build.Tests.Ecosystem;

/// <summary>Reads a CI definition as a YAML tree, keeping every scalar as text (no schema, no type guessing).</summary>
internal static class YamlTree
{
    public static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = File.OpenText(path)) stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public static YamlNode? Get(this YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static string? Text(this YamlNode? node) => (node as YamlScalarNode)?.Value;

    public static IReadOnlyList<YamlNode> Items(this YamlNode? node) => node is YamlSequenceNode sequence ? sequence.Children.ToList() : [];

    /// <summary>A scalar or a list of scalars, as a list.</summary>
    public static IReadOnlyList<string> Texts(this YamlNode? node) => node switch
    {
        YamlScalarNode scalar => scalar.Value is { } value ? [value] : [],
        YamlSequenceNode sequence => sequence.Children.Select(child => child.Text() ?? "").ToList(),
        _ => [],
    };

    public static IReadOnlyList<(string Key, YamlNode Value)> Entries(this YamlNode? node) =>
        node is YamlMappingNode map ? map.Children.Select(entry => (entry.Key.Text() ?? "", entry.Value)).ToList() : [];
}
