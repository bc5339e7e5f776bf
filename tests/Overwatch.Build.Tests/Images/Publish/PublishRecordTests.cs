using NUnit.Framework;
using Overwatch.Build.Images;
using Overwatch.Build.Images.Publish;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Images.Publish;

/// <summary>artifacts/publish.json, the log's summary and the GitHub step summary of one record with every status.</summary>
public sealed class PublishRecordTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private const string Inputs = "5f0c2a7be0d4a8e1c3b6f9d2e7a4c1b8d5e2f9a6c3b0d7e4f1a8b5c2d9e6f3a0";
    private const string Id = "sha256:fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
    private static string GoldenDir => Path.Combine(RepoPaths.Fixtures, "Images", "Golden");

    private static readonly PublishRecord Record = new("branch master", true, "branch master is published as latest and master", false,
    [
        new VersionRecord(new PythonVersion(2, 7, 15), "passed",
        [
            new ReferenceRecord("r.example/o/overwatch:master-py2.7.15", "app", Id, ReferenceStatus.Pushed, Digest, null) { Inputs = Inputs },
            new ReferenceRecord("r.example/o/overwatch:1.2.3-py2.7.15", "app", Id, ReferenceStatus.Skipped, Digest, "unchanged release: the registry holds this very image"),
        ]),
        new VersionRecord(new PythonVersion(3, 6, 7), PublishRecord.SmokeTestNotRun,
        [
            new ReferenceRecord("r.example/o/overwatch:master-py3.6.7", "app", Id, ReferenceStatus.Failed, null,
                "Push failed: docker push of r.example/o/overwatch:master-py3.6.7 failed: registry answered 500 | `x`"),
            new ReferenceRecord("r.example/o/overwatch:latest-py3.6.7", "app", null, ReferenceStatus.NotPushed, null, "stopped: py3.6.7 failed"),
        ]),
        new VersionRecord(new PythonVersion(3, 8, 0), "not run: the registry holds these inputs",
        [
            new ReferenceRecord("r.example/o/overwatch:master-py3.8.0", "app", null, ReferenceStatus.Skipped, Digest,
                "the registry already holds an image of the current inputs: nothing pulled, built, smoke-tested or pushed") { Inputs = Inputs },
        ]),
    ]);

    [Test]
    public void Json_has_every_version_reference_status_digest_and_reason() =>
        Golden.AssertMatches(Path.Combine(GoldenDir, "publish.json"), PublishRecordJson.Serialize(Record));

    [Test]
    public void Step_summary_is_a_markdown_table_with_cells_escaped() =>
        Golden.AssertMatches(Path.Combine(GoldenDir, "step-summary.md"), PublishSummary.Markdown(Record));

    [Test]
    public void Log_summary_lists_every_reference_with_its_digest() =>
        Golden.AssertMatches(Path.Combine(GoldenDir, "publish-summary.txt"), PublishSummary.Text(Record) + "\n");

    [TestCase(ReferenceStatus.Pushed, "pushed")]
    [TestCase(ReferenceStatus.Skipped, "skipped")]
    [TestCase(ReferenceStatus.Failed, "failed")]
    [TestCase(ReferenceStatus.NotPushed, "not-pushed")]
    public void Status_names(ReferenceStatus status, string name) =>
        Assert.That(PublishRecordJson.StatusName(status), Is.EqualTo(name));
}
