using System.Text.Json;

namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>
/// What of the user's docker client configuration a temporary DOCKER_CONFIG (a registry login) must keep so that
/// its commands reach the same engine as the rest: the current context (`docker context use`, or DOCKER_CONTEXT
/// naming one) lives in the config directory, and so do the default TLS certificates of DOCKER_TLS_VERIFY. Without
/// them a push would talk to another engine than the build. Credentials, helpers and plugins are not carried over.
/// </summary>
public static class DockerClientConfig
{
    /// <summary>The user's config directory: DOCKER_CONFIG, else ~/.docker.</summary>
    public static string UserDirectory(IReadOnlyDictionary<string, string?> environment) =>
        environment.TryGetValue("DOCKER_CONFIG", out var configured) && !string.IsNullOrEmpty(configured)
            ? configured
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".docker");

    /// <summary>The temporary config.json: the user's current context only, nothing else of theirs.</summary>
    public static string TemporaryConfigJson(string? userConfigJson)
    {
        if (string.IsNullOrWhiteSpace(userConfigJson)) return "{}";
        try
        {
            using var document = JsonDocument.Parse(userConfigJson);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("currentContext", out var context) && context.ValueKind == JsonValueKind.String
                && context.GetString() is { Length: > 0 } name
                ? JsonSerializer.Serialize(new Dictionary<string, string> { ["currentContext"] = name })
                : "{}";
        }
        catch (JsonException)
        {
            return "{}"; // docker itself reports a broken config.json on the commands that use it
        }
    }

    /// <summary>The variables of a command run with the temporary config.</summary>
    public static IReadOnlyDictionary<string, string?> Environment(string temporary, IReadOnlyDictionary<string, string?> environment)
    {
        var variables = new Dictionary<string, string?> { ["DOCKER_CONFIG"] = temporary };
        // docker looks for ca.pem, cert.pem and key.pem in the config directory unless told otherwise.
        if (!environment.TryGetValue("DOCKER_CERT_PATH", out var certs) || string.IsNullOrEmpty(certs))
            variables["DOCKER_CERT_PATH"] = UserDirectory(environment);
        return variables;
    }

    /// <summary>Writes the temporary config.json and links the user's contexts (copied where links are not allowed).</summary>
    public static void Prepare(string temporary, IReadOnlyDictionary<string, string?> environment)
    {
        var user = UserDirectory(environment);
        var config = Path.Combine(user, "config.json");
        File.WriteAllText(Path.Combine(temporary, "config.json"), TemporaryConfigJson(File.Exists(config) ? File.ReadAllText(config) : null));
        var contexts = Path.Combine(user, "contexts");
        if (!Directory.Exists(contexts)) return;
        try
        {
            Directory.CreateSymbolicLink(Path.Combine(temporary, "contexts"), contexts);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Copy(contexts, Path.Combine(temporary, "contexts"));
        }
    }

    public static IReadOnlyDictionary<string, string?> ProcessEnvironment() =>
        System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value);

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var directory in Directory.GetDirectories(from)) Copy(directory, Path.Combine(to, Path.GetFileName(directory)));
    }
}
