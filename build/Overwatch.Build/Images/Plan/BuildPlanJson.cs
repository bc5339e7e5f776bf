using System.Text.Json;
using Overwatch.Build.Images;
using System.Text.Json.Serialization;
using Overwatch.Build.Images.Refs;

namespace Overwatch.Build.Images.Plan;

/// <summary>The plan as artifacts/build-plan.json, for CI steps and people to read.</summary>
public static partial class BuildPlanJson
{
    private static readonly JsonSerializerOptions Options = ArtifactJson.With(PlanDocuments.Default);

    public static string Serialize(BuildPlan plan) => JsonSerializer.Serialize(new Document(
        new RefDocument(TypeName(plan.Ref.Type), plan.Ref.Name, plan.Ref.Source.ToString().ToLowerInvariant()),
        plan.Commit,
        plan.Publish,
        plan.Reason,
        plan.Images.Select(i => new ImageDocument(i.Python.ToString(), i.CurrentBase, i.Base, i.BaseInputs, i.Tags, i.References, i.BuildArgs, i.Labels)).ToList()),
        Options) + "\n";

    private static string TypeName(RefType type) => type switch
    {
        RefType.PullRequest => "pull_request",
        RefType.Tag => "tag",
        _ => "branch",
    };

    private sealed record Document(RefDocument Ref, string? Commit, bool Publish, string Reason, IReadOnlyList<ImageDocument> Images);

    private sealed record RefDocument(string Type, string Name, string Source);

    private sealed record ImageDocument(
        string Python,
        string Base,
        string BaseFloating,
        string BaseInputs,
        IReadOnlyList<string> Tags,
        IReadOnlyList<string> References,
        IReadOnlyDictionary<string, string> BuildArgs,
        [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string> Labels);

    [JsonSerializable(typeof(Document))]
    private sealed partial class PlanDocuments : JsonSerializerContext;
}
