using NUnit.Framework;
using Overwatch.Build.Images.Publish;

namespace Overwatch.Build.Tests.Images.Publish;

/// <summary>The account of a publish is read from the one publish record, so it says what publish.json says.</summary>
public sealed class PushAccountTests
{
    [Test]
    public void Pushed_unchanged_and_the_rest_in_the_planned_order()
    {
        var record = new PublishRecorder(VersionMatrixTests.Plan(), bases: false, apps: true);
        record.Pushed("r/o:master-py3.6.7", "sha256:1");
        record.Skipped("r/o:master-py2.7.15", "the registry already holds this image", "sha256:2");
        record.Failed("r/o:master", "docker push failed");

        var account = record.Account(["r/o:master-py2.7.15", "r/o:master-py3.6.7", "r/o:master", "r/o:latest"]);

        Assert.That(account, Is.EqualTo("Pushed: r/o:master-py3.6.7; unchanged: r/o:master-py2.7.15; not pushed: r/o:master, r/o:latest."));
    }

    [Test]
    public void Nothing_reported_is_nothing_pushed_and_no_unchanged_part() =>
        Assert.That(PushAccount.Describe(["a", "b"], _ => null), Is.EqualTo("Pushed: none; not pushed: a, b."));

    [Test]
    public void Everything_pushed_leaves_none_unpushed() =>
        Assert.That(PushAccount.Describe(["a"], _ => ReferenceStatus.Pushed), Is.EqualTo("Pushed: a; not pushed: none."));
}
