using static Overwatch.Build.Inputs.TargetNames;

namespace Overwatch.Build.Inputs;

/// <summary>The targets that cannot work on Windows, and why: refused in one line before anything runs.</summary>
public static class PlatformSupport
{
    public static readonly IReadOnlyDictionary<string, string> UnixOnly = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [RenderConfig] = "it writes secret files with Unix modes (0600) and resolves symbolic links to keep every file inside its root",
        [Compose] = "it renders the deployment with Unix file modes and hands it to the image's user (uid 2143)",
        [SmokeTest] = "it hands the rendered smoke deployment to the image's user with chown (uid 2143)",
        [SupervisorUpdate] = "supervisor runs on Linux and macOS only",
    };

    /// <param name="scheduled">The targets that will run (SmokeTest left out under --skip-smoke-test).</param>
    public static void Check(IEnumerable<string> scheduled, bool isWindows)
    {
        if (!isWindows) return;
        foreach (var target in scheduled)
        {
            if (!UnixOnly.TryGetValue(target, out var why)) continue;
            var instead = target == SmokeTest ? " (or, in an emergency, pass --skip-smoke-test)" : "";
            throw new UsageException($"{target} cannot run on Windows: {why}; run it in WSL or a Linux container{instead}");
        }
    }
}
