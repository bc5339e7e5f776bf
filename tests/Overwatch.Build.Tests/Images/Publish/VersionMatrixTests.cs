using NUnit.Framework;
using Overwatch.Build.Images;
using Overwatch.Build.Images.Plan;
using Overwatch.Build.Images.Publish;
using Overwatch.Build.Images.Refs;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Infrastructure.Processes;

namespace Overwatch.Build.Tests.Images.Publish;

/// <summary>The matrix's error and the publish record after one version failed.</summary>
public sealed class VersionMatrixTests
{
    private static readonly PythonVersion[] Versions = [new(2, 7, 15), new(3, 6, 7), new(3, 7, 1)];

    [Test]
    public void The_error_names_the_failed_version_the_account_and_the_stopped_ones_then_the_tool_output()
    {
        var plan = Plan();
        var record = new PublishRecorder(plan, bases: false, apps: true);
        var lines = new List<string>();
        var matrix = new VersionMatrix(parallel: 3, lines.Add, record);
        using var failed = new ManualResetEventSlim();

        var error = Assert.Throws<DockerException>(() => matrix.Run(plan.Images, "Push", image =>
        {
            if (image.Python == Versions[1])
            {
                record.Failed(image.PushOrder[0], "docker push failed");
                failed.Set();
                throw new DockerException("docker push of x failed: registry answered 500 (server error); try later\n  | tail line");
            }
            failed.Wait();
            Lane.Sleep(TimeSpan.FromSeconds(30));
        }, () => "Pushed: none; not pushed: all."));

        Assert.That(error!.Message, Is.EqualTo(
            "py3.6.7: docker push of x failed: registry answered 500 (server error); try later. Pushed: none; not pushed: all. " +
            "Stopped when py3.6.7 failed: py2.7.15, py3.7.1.\n  | tail line"));
        Assert.That(lines, Is.EqualTo(new[] { "Push: 3 Python versions, 3 at a time (--parallel=3)." }));
        var snapshot = record.Snapshot(succeeded: false, unsettled: "never");
        var statuses = snapshot.Versions.SelectMany(v => v.References.Select(r => (r.Reference, r.Status, r.Reason))).ToList();
        Assert.That(statuses, Is.EqualTo(Expected()));
    }

    [Test]
    public void Unsettled_references_take_the_reason_given_at_the_end_and_smoke_tests_default_to_not_run()
    {
        var plan = Plan();
        var record = new PublishRecorder(plan, bases: false, apps: true);
        record.Pushed("r/o:master-py2.7.15", "sha256:1");
        record.SmokeTested(Versions[0], "passed");

        var snapshot = record.Snapshot(succeeded: true, unsettled: "not pushed: Push is not part of this run");

        Assert.That(snapshot.Versions[0].SmokeTest, Is.EqualTo("passed"));
        Assert.That(snapshot.Versions[1].SmokeTest, Is.EqualTo(PublishRecord.SmokeTestNotRun));
        Assert.That(snapshot.Versions[0].References[0], Is.EqualTo(new ReferenceRecord("r/o:master-py2.7.15", "app", null, ReferenceStatus.Pushed, "sha256:1", null)));
        Assert.That(snapshot.Versions[0].References[1].Reason, Is.EqualTo("not pushed: Push is not part of this run"));
    }

    private static IEnumerable<(string, ReferenceStatus, string)> Expected() =>
    [
        ("r/o:master-py2.7.15", ReferenceStatus.NotPushed, "stopped: py3.6.7 failed"),
        ("r/o:latest-py2.7.15", ReferenceStatus.NotPushed, "stopped: py3.6.7 failed"),
        ("r/o:master-py3.6.7", ReferenceStatus.Failed, "docker push failed"),
        ("r/o:latest-py3.6.7", ReferenceStatus.Failed, "Push failed: docker push of x failed: registry answered 500 (server error); try later"),
        ("r/o:master-py3.7.1", ReferenceStatus.NotPushed, "stopped: py3.6.7 failed"),
        ("r/o:latest-py3.7.1", ReferenceStatus.NotPushed, "stopped: py3.6.7 failed"),
    ];

    internal static BuildPlan Plan() => new(GitRef.ForBranch("master", RefSource.Arguments), true, "published", "r",
        new ImageSpec("base", "Dockerfile.build", "."), new ImageSpec("app", "Dockerfile", "."),
        Versions.Select(v => new ImagePlan(v, $"r/base:{v.TagSuffix}", [], [$"r/o:master-{v.TagSuffix}", $"r/o:latest-{v.TagSuffix}"],
            new Dictionary<string, string>(), new Dictionary<string, string>())).ToList());
}
