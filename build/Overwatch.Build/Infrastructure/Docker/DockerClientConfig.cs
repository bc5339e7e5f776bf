using System.Text.Json;

namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>
/// What of the user's docker client configuration a temporary DOCKER_CONFIG (a registry login) must keep so that
/// its commands reach the same engine and build the same way as the rest: the current context (`docker context use`,
/// or DOCKER_CONTEXT naming one) lives in the config directory, and so do the default TLS certificates of
/// DOCKER_TLS_VERIFY; the CLI's plugins (a buildx in ~/.docker/cli-plugins is what makes `docker build` BuildKit), the
/// buildx builder in use, the command aliases and the build proxies. Without them a push would talk to another engine
/// than the build, and a build run with the login would silently lose BuildKit. Credentials and helpers are not
/// carried over.
/// </summary>
public static class DockerClientConfig
{
    /// <summary>The user's config directory: DOCKER_CONFIG, else ~/.docker.</summary>
    public static string UserDirectory(IReadOnlyDictionary<string, string?> environment) =>
        environment.TryGetValue("DOCKER_CONFIG", out var configured) && !string.IsNullOrEmpty(configured)
            ? configured
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".docker");

    /// <summary>
    /// The temporary config.json: of the user's, the current context, aliases and proxies; their plugin directories
    /// (the config directory's cli-plugins and any cliPluginsExtraDirs) as cliPluginsExtraDirs. Nothing else of theirs.
    /// </summary>
    public static string TemporaryConfigJson(string? userConfigJson, string userDirectory)
    {
        var kept = new Dictionary<string, JsonElement>();
        if (!string.IsNullOrWhiteSpace(userConfigJson))
        {
            try
            {
                using var document = JsonDocument.Parse(userConfigJson);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    if (document.RootElement.TryGetProperty("currentContext", out var context) && context.ValueKind == JsonValueKind.String && context.GetString() is { Length: > 0 })
                        kept["currentContext"] = context.Clone();
                    foreach (var name in KeptObjects)
                        if (document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object)
                            kept[name] = value.Clone();
                }
            }
            catch (JsonException)
            {
                // docker itself reports a broken config.json on the commands that use it
            }
        }
        string[] plugins = [.. CliPlugins.ExtraDirectories(userConfigJson), Path.Combine(userDirectory, "cli-plugins")];
        kept["cliPluginsExtraDirs"] = JsonSerializer.SerializeToElement(plugins);
        return JsonSerializer.Serialize(kept);
    }

    // `docker buildx install` makes `docker build` buildx through an alias; proxies become the build's proxy arguments.
    private static readonly string[] KeptObjects = ["aliases", "proxies"];

    /// <summary>The variables of a command run with the temporary config.</summary>
    public static IReadOnlyDictionary<string, string?> Environment(string temporary, IReadOnlyDictionary<string, string?> environment)
    {
        var variables = new Dictionary<string, string?> { ["DOCKER_CONFIG"] = temporary };
        // docker looks for ca.pem, cert.pem and key.pem in the config directory unless told otherwise.
        if (!environment.TryGetValue("DOCKER_CERT_PATH", out var certs) || string.IsNullOrEmpty(certs))
            variables["DOCKER_CERT_PATH"] = UserDirectory(environment);
        return variables;
    }

    /// <summary>Writes the temporary config.json and links the user's contexts and buildx state (copied where links are not allowed).</summary>
    public static void Prepare(string temporary, IReadOnlyDictionary<string, string?> environment)
    {
        var user = UserDirectory(environment);
        var config = Path.Combine(user, "config.json");
        File.WriteAllText(Path.Combine(temporary, "config.json"), TemporaryConfigJson(File.Exists(config) ? File.ReadAllText(config) : null, user));
        // buildx keeps the builder in use (`docker buildx use`) under buildx/; a link, so its records stay the user's.
        foreach (var shared in new[] { "contexts", "buildx" })
        {
            var directory = Path.Combine(user, shared);
            if (!Directory.Exists(directory)) continue;
            try
            {
                Directory.CreateSymbolicLink(Path.Combine(temporary, shared), directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Copy(directory, Path.Combine(temporary, shared));
            }
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
