namespace Overwatch.Build.Tests.Infra;

/// <summary>A real supervisord started on a rendered config, killed (with its programs) on dispose.</summary>
public sealed class Supervisord(string config, string workingDirectory) : IDisposable
{
    private readonly ManagedProcess process = new(RequiredProgram.Find("supervisord"), ["-n", "-c", config], workingDirectory);

    /// <summary>supervisorctl status once supervisord answers and lists <paramref name="expectedProgram"/>; a time-out fails the test.</summary>
    public string Status(string expectedProgram)
    {
        var supervisorctl = RequiredProgram.Find("supervisorctl");
        return Poll.Until($"supervisorctl status listing {expectedProgram}",
            () => Shell.Run(supervisorctl, "-c", config, "status").AllOutput,
            status => !status.Contains("refused") && !status.Contains("no such file") && status.Contains(expectedProgram),
            TimeSpan.FromSeconds(20), process.ExitedWhy);
    }

    public void Dispose() => process.Dispose();
}
