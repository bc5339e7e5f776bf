using NUnit.Framework;
using Overwatch.Build.Images.Publish;

namespace Overwatch.Build.Tests.Images.Publish;

/// <summary>A version has nothing to do only when every planned tag holds an image labelled with the current inputs.</summary>
public sealed class InputsVerdictTests
{
    private const string Now = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string Before = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    [TestCase("held", "held", null)]
    [TestCase("held", "absent", "r/app:latest is not in the registry")]
    [TestCase("held", "other", "r/app:latest holds an image of other inputs (bbbbbbbbbbbb, now aaaaaaaaaaaa)")]
    [TestCase("unlabelled", "held", "r/app:master holds an image without an inputs label")]
    [TestCase("unknown", "held", "cannot tell what r/app:master holds (registry answered 500)")]
    public void Every_tag_must_hold_the_current_inputs(string master, string latest, string? why)
    {
        var tags = new[] { Tag("r/app:master", master), Tag("r/app:latest", latest) };

        Assert.That(InputsVerdict.Missing(Now, tags), Is.EqualTo(why));
    }

    [Test]
    public void No_planned_tag_is_no_verdict() =>
        Assert.That(InputsVerdict.Missing(Now, []), Is.EqualTo("no tag is planned"));

    private static PublishedTag Tag(string reference, string state) => state switch
    {
        "held" => new PublishedTag(reference, "sha256:d1", Now),
        "other" => new PublishedTag(reference, "sha256:d2", Before),
        "unlabelled" => new PublishedTag(reference, "sha256:d3", null),
        "unknown" => PublishedTag.Unsure(reference, "registry answered 500"),
        _ => PublishedTag.Absent(reference),
    };
}
