using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Overwatch.Build.Images;

/// <summary>How the JSON files under artifacts/ are written: indented camelCase, image references unescaped.</summary>
public static class ArtifactJson
{
    /// <summary>
    /// The options for one file's documents, described by its source-generated context: reflection would
    /// cost every run the JIT of the serializer's reflection path (about 20 ms of Plan's own time).
    /// </summary>
    public static JsonSerializerOptions With(IJsonTypeInfoResolver documents) => new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = documents,
    };
}
