using System.Security.Cryptography;
using System.Text.Json;

namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>The labels in an image config blob (its config.Labels), checked against the config digest it was asked by.</summary>
public static class ImageConfigLabels
{
    public static (IReadOnlyDictionary<string, string>? Labels, string? Odd) Read(byte[] content, string configDigest)
    {
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
        if (digest != configDigest) return (null, $"an image config that does not match its digest {configDigest}");
        try
        {
            using var document = JsonDocument.Parse(content);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, "an image config that is not a JSON object");
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object
                && config.TryGetProperty("Labels", out var found) && found.ValueKind == JsonValueKind.Object)
                foreach (var label in found.EnumerateObject())
                    if (label.Value.ValueKind == JsonValueKind.String) labels[label.Name] = label.Value.GetString()!;
            return (labels, null);
        }
        catch (JsonException)
        {
            return (null, "an image config that is not JSON");
        }
    }
}
