using Overwatch.Build.Deploy;
using Overwatch.Build.Deploy.Rendering;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Deploy;

/// <summary>Shared arrangements: fixture files, a fixed environment, rendering for a fixed working directory.</summary>
public static class DeployFixtures
{
    /// <summary>Golden files are rendered for this directory so they hold no machine's paths.</summary>
    public const string GoldenWorkingDirectory = "/opt/overwatch";

    public static string Dir => Path.Combine(RepoPaths.Fixtures, "Deploy");

    public static string ExampleConfig => Path.Combine(RepoPaths.Root, "docs", "examples", "deployConfig.yaml");

    public static Dictionary<string, string?> Environment(string workingDirectory, params (string Key, string? Value)[] extra)
    {
        var environment = new Dictionary<string, string?> { ["PWD"] = workingDirectory, ["HOME"] = Path.Combine(workingDirectory, "home") };
        foreach (var (key, value) in extra) environment[key] = value;
        return environment;
    }

    /// <summary>Reads KEY=VALUE lines (an <c>env</c> fixture file) into the environment.</summary>
    public static void AddEnvFile(Dictionary<string, string?> environment, string path)
    {
        if (!File.Exists(path)) return;
        foreach (var (key, value) in EnvFile.Read(path)) environment[key] = value;
    }

    /// <summary>Renders as RenderConfig does on the machine that runs the programs (their home is HOME), or for a container.</summary>
    public static IReadOnlyList<RenderedFile> Render(string yaml, IReadOnlyDictionary<string, string?> environment, string workingDirectory,
        bool forContainer = false)
    {
        var settings = new RenderSettings(workingDirectory, "exec") { ProgramsHome = forContainer ? null : environment.GetValueOrDefault("HOME") };
        // As with --deployment-root: ~ is the programs' home inside the mounted exec directory.
        if (forContainer) environment = new Dictionary<string, string?>(environment) { ["HOME"] = settings.ContainerHome };
        return ConfigRenderer.Render(DeployConfigLoader.Load(yaml, environment), settings, new TemplateSet(RepoPaths.Templates));
    }

    /// <summary>Every file under a directory with its bytes and mode, to prove a failed run changed nothing.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static SortedDictionary<string, string> Snapshot(string directory)
    {
        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(directory, path);
            snapshot[relative] = File.Exists(path)
                ? $"{File.GetUnixFileMode(path)} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)))}"
                : "dir";
        }
        return snapshot;
    }

    /// <summary>A working directory shaped like the repository: exec/ with its kept-in-git directories.</summary>
    public static void MakeExecLayout(string workingDirectory)
    {
        foreach (var dir in new[] { "logs", "config", "sockets" })
        {
            Directory.CreateDirectory(Path.Combine(workingDirectory, "exec", dir));
            File.WriteAllText(Path.Combine(workingDirectory, "exec", dir, ".keepInGit"), "");
        }
    }
}
