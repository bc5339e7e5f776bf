namespace Overwatch.Build.Tests.Infra;

/// <summary>
/// A real supervisord started on a rendered config, killed (with its programs) on dispose. Programs that went to
/// the background (autossh -f leaves its session) are found by a variable only this supervisord's children carry.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class Supervisord : IDisposable
{
    private const string MarkVariable = "OWB_TEST_SUPERVISORD";
    private readonly string config;
    private readonly string mark = Guid.NewGuid().ToString("N");
    private readonly ManagedProcess process;

    public Supervisord(string config, string workingDirectory)
    {
        this.config = config;
        process = new ManagedProcess(RequiredProgram.Find("supervisord"), ["-n", "-c", config], workingDirectory,
            new Dictionary<string, string> { [MarkVariable] = mark });
    }

    /// <summary>supervisorctl status once supervisord answers and lists <paramref name="expectedProgram"/>; a time-out fails the test.</summary>
    public string Status(string expectedProgram)
    {
        var supervisorctl = RequiredProgram.Find("supervisorctl");
        return Poll.Until($"supervisorctl status listing {expectedProgram}",
            () => Shell.Run(supervisorctl, "-c", config, "status").AllOutput,
            status => !status.Contains("refused") && !status.Contains("no such file") && status.Contains(expectedProgram),
            TimeSpan.FromSeconds(20), process.ExitedWhy);
    }

    public void Dispose()
    {
        process.Dispose();
        foreach (var pid in Descendants())
        {
            try { System.Diagnostics.Process.GetProcessById(pid).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
        }
    }

    private IEnumerable<int> Descendants()
    {
        var needle = $"{MarkVariable}={mark}";
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            string environ;
            try { environ = File.ReadAllText(Path.Combine(dir, "environ")); } catch (IOException) { continue; } catch (UnauthorizedAccessException) { continue; }
            if (environ.Split('\0').Contains(needle)) yield return pid;
        }
    }
}
