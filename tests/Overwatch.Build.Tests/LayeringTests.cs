using NUnit.Framework;
using Overwatch.Build.Tests.Infra;
using Overwatch.Build.Tests.Layering;

namespace Overwatch.Build.Tests;

/// <summary>The library's folders are layers (<see cref="LayerOrder"/>): a namespace uses only its own or an earlier layer, so there are no cycles.</summary>
public sealed class LayeringTests
{
    [Test]
    public void Every_source_file_uses_only_earlier_layers()
    {
        var library = SourceCompilation.FromDirectory(Path.Combine(RepoPaths.Root, "build", "Overwatch.Build"));
        Assert.That(library.Errors(), Is.Empty, "the library does not compile here, so some uses would go unseen");

        var violations = LayerOrder.Violations(library.Uses());

        // NUnit shortens a long collection in its message; every violation is listed here in full.
        Assert.That(violations, Is.Empty, () => $"{violations.Count} uses of a later layer:{Environment.NewLine}{string.Join(Environment.NewLine, violations)}");
    }
}
