namespace Overwatch.Build.Tests.Layering;

/// <summary>The library's namespaces are layers: code uses only its own namespace or an earlier layer, so there are no cycles.</summary>
public static class LayerOrder
{
    public const string Root = "Overwatch.Build";

    /// <summary>
    /// In order; a layer may use the ones before it. A namespace and its children are distinct layers, ordered like
    /// any other, so a child using its parent is as visible as any other use.
    /// </summary>
    public static readonly IReadOnlyList<string> Layers =
    [
        "Inputs",
        "Infrastructure.Processes", "Infrastructure.Files", "Infrastructure.Network", "Infrastructure.Docker",
        "Yaml",
        "Deploy.Model", "Deploy.Rendering", "Deploy.Secrets", "Deploy",
        "Images", "Images.Refs", "Images.Tags", "Images.Plan", "Images.Publish",
        "Containers",
        "Targets",
    ];

    /// <summary>The uses that go to a later layer, and the namespaces that are in no layer.</summary>
    public static IReadOnlyList<string> Violations(IEnumerable<NamespaceUse> uses)
    {
        var violations = new List<string>();
        foreach (var use in uses.DistinctBy(u => (u.File, u.From, u.Type)))
        {
            var (from, to) = (Rank(use.From), Rank(use.To));
            if (from < 0) violations.Add($"{use.File}:{use.Line}: namespace {use.From} is in no layer; add it to {nameof(LayerOrder)}.{nameof(Layers)}");
            else if (to < 0) violations.Add($"{use.File}:{use.Line}: namespace {use.To} (of {use.Type}) is in no layer; add it to {nameof(LayerOrder)}.{nameof(Layers)}");
            else if (to > from) violations.Add($"{use} (layer {Layers[to]} comes after {Layers[from]})");
        }
        return violations.Distinct().ToList();
    }

    private static int Rank(string ns) =>
        ns.StartsWith(Root + ".", StringComparison.Ordinal) ? IndexOf(ns[(Root.Length + 1)..]) : -1;

    private static int IndexOf(string layer)
    {
        for (var i = 0; i < Layers.Count; i++) if (Layers[i] == layer) return i;
        return -1;
    }
}
