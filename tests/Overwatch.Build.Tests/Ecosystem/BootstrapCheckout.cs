using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Ecosystem;

/// <summary>
/// A copy of the bootstrap (build.sh, build.ps1, build.cake, build/, global.json, the tool manifest,
/// docker/, templates/) in its own git repository, warm: the built library, its stamps and Cake's
/// script cache are copied too. Tests may change its library sources without touching the repository.
/// </summary>
public sealed partial class BootstrapCheckout : IDisposable
{
    private static readonly string[] Files = ["build.sh", "build.ps1", "build.cake", "global.json", ".gitignore"];
    private static readonly string[] Trees = ["build", "docker", "templates", ".config", ".build", "tools"];
    private readonly TempDirectory directory = new("owb-bootstrap");

    public BootstrapCheckout()
    {
        foreach (var file in Files) File.Copy(Path.Combine(RepoPaths.Root, file), Combine(file));
        foreach (var tree in Trees) CopyTree(Path.Combine(RepoPaths.Root, tree), Combine(tree));
        Git("init", "-q", "-b", "master");
        Git("add", "-A");
        Git("-c", "user.name=Overwatch Build", "-c", "user.email=overwatch-build@localhost", "commit", "-q", "-m", "bootstrap copy");
    }

    public string Root => directory.Path;

    public string Combine(params string[] parts) => directory.Combine(parts);

    public static string PowerShell =>
        RequiredProgram.Locate("pwsh") is { } onPath ? onPath
        : File.Exists(GlobalTool) ? GlobalTool
        : Unavailable();

    private static string GlobalTool => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "pwsh");

    /// <summary>Runs build.sh or build.ps1 of this checkout as a user would, with no CI variables of the machine running the tests.</summary>
    public CommandResult Run(string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var env = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(name => CiVariable().IsMatch(name)).ToDictionary(name => name, _ => (string?)null);
        env["NO_COLOR"] = "1";
        env["POWERSHELL_TELEMETRY_OPTOUT"] = "1"; // pwsh would otherwise try to reach the internet at start
        env["POWERSHELL_UPDATECHECK"] = "Off";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>()) env[name] = value;
        return script switch
        {
            "build.sh" => Shell.Run(Combine("build.sh"), arguments, env, Root),
            "build.ps1" => Shell.Run(PowerShell, ["-NoLogo", "-NoProfile", "-NonInteractive", "-File", Combine("build.ps1"), .. arguments], env, Root),
            _ => throw new ArgumentOutOfRangeException(nameof(script), script, "build.sh or build.ps1"),
        };
    }

    /// <summary>When Cake last compiled build.cake (its script cache), or null before the first run.</summary>
    public DateTime? ScriptCompiledAt()
    {
        var cache = Combine("tools", "cache");
        return Directory.Exists(cache) ? Directory.GetFiles(cache).Select(File.GetLastWriteTimeUtc).DefaultIfEmpty().Max() : null;
    }

    public string LibraryStamp => File.ReadAllText(Combine(".build", "lib.stamp")).Trim();

    /// <summary>Whether an assembly of the built library carries precompiled (ReadyToRun) code: a managed native header.</summary>
    public bool IsReadyToRun(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(Combine(".build", "lib", assembly)));
        return pe.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }

    /// <summary>Cake's step timings differ on every run; everything else it prints must not.</summary>
    public static string WithoutDurations(string output) => Duration().Replace(output, "00:00:00.0000000");

    public void Dispose() => directory.Dispose();

    private void Git(params string[] arguments)
    {
        var result = Shell.Run("git", ["-C", Root, .. arguments]);
        if (result.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {result}");
    }

    private static void CopyTree(string source, string target)
    {
        if (!Directory.Exists(source)) return;
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(source).Where(d => Path.GetFileName(d) is not ("bin" or "obj")))
            CopyTree(dir, Path.Combine(target, Path.GetFileName(dir)));
    }

    private static string Unavailable()
    {
        RequiredProgram.Unavailable("pwsh (PowerShell 7) is not installed (run .ci/setup: it installs the PowerShell dotnet global tool)");
        return "pwsh";
    }

    [GeneratedRegex(@"^(TRAVIS.*|GITHUB_.*|GITLAB_.*|CI_.*|DOCKER_USERNAME|DOCKER_PASSWORD|config|gridCert|gridKey|sshKey|OVERWATCH_EXECUTABLES)$")]
    private static partial Regex CiVariable();

    [GeneratedRegex(@"\d{2}:\d{2}:\d{2}\.\d{7}")]
    private static partial Regex Duration();
}
