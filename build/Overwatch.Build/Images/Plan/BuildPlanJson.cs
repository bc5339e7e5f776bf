using System.Text.Json;
using Overwatch.Build.Images.Refs;

namespace Overwatch.Build.Images.Plan;

/// <summary>
/// The plan as artifacts/build-plan.json, for CI steps and people to read. Every Plan run writes it: written field by
/// field, it costs ~3 ms where the serializer's first use (its metadata and the JIT of its generic code) cost ~12 ms.
/// </summary>
public static class BuildPlanJson
{
    public static string Serialize(BuildPlan plan) => ArtifactJson.Write(json =>
    {
        json.WriteStartObject();
        json.WriteStartObject("ref");
        json.WriteString("type", TypeName(plan.Ref.Type));
        json.WriteString("name", plan.Ref.Name);
        json.WriteString("source", plan.Ref.Source.ToString().ToLowerInvariant());
        json.WriteEndObject();
        json.WriteString("commit", plan.Commit);
        json.WriteBoolean("publish", plan.Publish);
        json.WriteString("reason", plan.Reason);
        json.WriteStartArray("images");
        foreach (var image in plan.Images)
        {
            json.WriteStartObject();
            json.WriteString("python", image.Python.ToString());
            json.WriteString("base", image.CurrentBase);
            json.WriteString("baseFloating", image.Base);
            json.WriteString("baseInputs", image.BaseInputs);
            WriteList(json, "tags", image.Tags);
            WriteList(json, "references", image.References);
            WriteMap(json, "buildArgs", image.BuildArgs);
            WriteMap(json, "labels", image.Labels);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    });

    private static void WriteList(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }

    private static void WriteMap(Utf8JsonWriter json, string name, IEnumerable<KeyValuePair<string, string>> entries)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in entries) json.WriteString(key, value);
        json.WriteEndObject();
    }

    private static string TypeName(RefType type) => type switch
    {
        RefType.PullRequest => "pull_request",
        RefType.Tag => "tag",
        _ => "branch",
    };
}
