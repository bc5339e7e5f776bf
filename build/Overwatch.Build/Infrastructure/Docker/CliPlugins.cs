using System.Text.Json;

namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>
/// Where the docker CLI looks for its plugins (docker-buildx, docker-compose), in its order: the config's
/// cliPluginsExtraDirs, the config directory's cli-plugins, then the system directories.
/// </summary>
public static class CliPlugins
{
    public static IReadOnlyList<string> SystemDirectories { get; } = OperatingSystem.IsWindows()
        ?
        [
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "Docker", "cli-plugins"),
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ProgramFiles), "Docker", "cli-plugins"),
        ]
        : ["/usr/local/lib/docker/cli-plugins", "/usr/local/libexec/docker/cli-plugins", "/usr/lib/docker/cli-plugins", "/usr/libexec/docker/cli-plugins"];

    /// <summary>The directories searched for the config directory <paramref name="configDirectory"/> and its config.json.</summary>
    public static IReadOnlyList<string> Directories(string configDirectory, string? configJson) =>
        [.. ExtraDirectories(configJson), Path.Combine(configDirectory, "cli-plugins"), .. SystemDirectories];

    /// <summary>The cliPluginsExtraDirs of a config.json; none when it is missing or unreadable.</summary>
    public static IReadOnlyList<string> ExtraDirectories(string? configJson)
    {
        if (string.IsNullOrWhiteSpace(configJson)) return [];
        try
        {
            using var document = JsonDocument.Parse(configJson);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("cliPluginsExtraDirs", out var dirs) && dirs.ValueKind == JsonValueKind.Array
                ? dirs.EnumerateArray().Where(d => d.ValueKind == JsonValueKind.String).Select(d => d.GetString()!).ToList()
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>Whether the user's CLI has the plugin, e.g. "buildx" (an executable docker-buildx in one of the directories).</summary>
    public static bool Installed(string name, IReadOnlyDictionary<string, string?> environment)
    {
        var user = DockerClientConfig.UserDirectory(environment);
        var config = Path.Combine(user, "config.json");
        var json = File.Exists(config) ? ReadOrNull(config) : null;
        return Directories(user, json).Select(d => Path.Combine(d, "docker-" + name + (OperatingSystem.IsWindows() ? ".exe" : ""))).Any(IsExecutable);
    }

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // Follows links (the system-wide buildx is often one); a plugin the CLI cannot execute does not count.
    private static bool IsExecutable(string path) =>
        File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
}
