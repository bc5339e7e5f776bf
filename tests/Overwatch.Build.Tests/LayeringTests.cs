using System.Text.RegularExpressions;
using NUnit.Framework;
using Overwatch.Build.Tests.Infra;
using Overwatch.Build.Tests.Layering;

namespace Overwatch.Build.Tests;

/// <summary>The library's folders are layers (<see cref="LayerOrder"/>): a namespace uses only namespaces of its own or an earlier layer, so there are no cycles.</summary>
public sealed class LayeringTests
{
    [Test]
    public void Every_source_file_uses_only_earlier_layers()
    {
        var library = Path.Combine(RepoPaths.Root, "build", "Overwatch.Build");
        var violations = new List<string>();
        foreach (var file in Directory.EnumerateFiles(library, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/") && !f.Contains("/bin/")))
        {
            var text = File.ReadAllText(file);
            var own = Rank(Regex.Match(text, @"^namespace Overwatch\.Build\.([\w.]+);", RegexOptions.Multiline).Groups[1].Value);
            foreach (Match used in Regex.Matches(text, @"^using (static )?Overwatch\.Build\.([\w.]+);", RegexOptions.Multiline))
            {
                // "using static" names a type: its namespace is what comes before it.
                var ns = used.Groups[1].Success ? used.Groups[2].Value[..used.Groups[2].Value.LastIndexOf('.')] : used.Groups[2].Value;
                if (Rank(ns) > own) violations.Add($"{Path.GetRelativePath(library, file)} uses Overwatch.Build.{ns}");
            }
        }
        Assert.That(violations, Is.Empty);
    }

    private static int Rank(string ns)
    {
        var index = LayerOrder.Layers.ToList().IndexOf(ns);
        Assert.That(index, Is.GreaterThanOrEqualTo(0), $"namespace Overwatch.Build.{ns} is in no layer: add it to {nameof(LayerOrder)}");
        return index;
    }
}
