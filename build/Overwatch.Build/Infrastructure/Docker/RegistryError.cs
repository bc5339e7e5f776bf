using System.Text.Json;

namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>The error body of a registry's 404 for a manifest, read for whether the tag really holds nothing.</summary>
public static class RegistryError
{
    /// <returns>
    /// Null when the 404 means "no such tag"; else why it does not (the registry holds a manifest it would not serve,
    /// e.g. docker-registry's "OCI index found, but accept header does not support OCI indexes").
    /// </returns>
    public static string? HeldButNotServed(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("errors", out var errors)
                || errors.ValueKind != JsonValueKind.Array)
                return null;
            foreach (var error in errors.EnumerateArray())
            {
                var message = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                if (message is not null && (message.Contains("index", StringComparison.OrdinalIgnoreCase) || message.Contains("accept", StringComparison.OrdinalIgnoreCase)))
                    return $"registry answered 404 but holds something under the tag ({Clip(message)})";
            }
            return null;
        }
        catch (JsonException)
        {
            // A 404 page from a proxy or a registry that writes no JSON: nothing there.
            return null;
        }
    }

    private static string Clip(string text) => text.Length > 120 ? text[..120] + "…" : text;
}
