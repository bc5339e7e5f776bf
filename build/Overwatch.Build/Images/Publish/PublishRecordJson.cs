using System.Text.Json;
using System.Text.Json.Serialization;
using Overwatch.Build.Images;

namespace Overwatch.Build.Images.Publish;

/// <summary>The publish record as artifacts/publish.json, for CI steps and people to read.</summary>
public static partial class PublishRecordJson
{
    private static readonly JsonSerializerOptions Options = ArtifactJson.With(RecordDocuments.Default);

    public static string Serialize(PublishRecord record) => JsonSerializer.Serialize(new Document(
        record.Ref,
        record.Publish,
        record.Reason,
        record.Succeeded ? "succeeded" : "failed",
        record.Versions.Select(v => new VersionDocument(
            v.Python.ToString(),
            v.SmokeTest,
            v.References.Select(r => new ReferenceDocument(r.Reference, r.Kind, r.ImageId, r.Inputs, StatusName(r.Status), r.Digest, r.Reason)).ToList())).ToList()),
        Options) + "\n";

    public static string StatusName(ReferenceStatus status) => status switch
    {
        ReferenceStatus.Pushed => "pushed",
        ReferenceStatus.Skipped => "skipped",
        ReferenceStatus.Failed => "failed",
        _ => "not-pushed",
    };

    private sealed record Document(string Ref, bool Publish, string Reason, string Outcome, IReadOnlyList<VersionDocument> Images);

    private sealed record VersionDocument(string Python, string SmokeTest, IReadOnlyList<ReferenceDocument> References);

    private sealed record ReferenceDocument(string Reference, string Kind, string? ImageId, string? Inputs, string Status, string? Digest, string? Reason);

    [JsonSerializable(typeof(Document))]
    private sealed partial class RecordDocuments : JsonSerializerContext;
}
