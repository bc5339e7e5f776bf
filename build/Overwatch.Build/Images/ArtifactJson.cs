using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Overwatch.Build.Images;

/// <summary>How the JSON files under artifacts/ are written: indented camelCase, image references unescaped.</summary>
public static class ArtifactJson
{
    /// <summary>
    /// The options for one file's documents, described by its source-generated context: reflection would
    /// cost every run the JIT of the serializer's reflection path.
    /// </summary>
    public static JsonSerializerOptions With(IJsonTypeInfoResolver documents) => new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = documents,
    };

    /// <summary>The same text written directly with a <see cref="Utf8JsonWriter"/>, for a file every run writes.</summary>
    public static string Write(Action<Utf8JsonWriter> document)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            document(json);
        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }
}
