using System.Text.Encodings.Web;
using System.Text.Json;

namespace Overwatch.Build.Images;

/// <summary>How the JSON files under artifacts/ are written: indented camelCase, image references unescaped.</summary>
public static class ArtifactJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
