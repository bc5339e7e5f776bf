using System.Diagnostics;

namespace Overwatch.Build.Tests.Infra;

/// <summary>A real supervisord started on a rendered config, killed (with its programs) on dispose.</summary>
public sealed class Supervisord : IDisposable
{
    private readonly Process process;
    private readonly string config;

    public Supervisord(string config, string workingDirectory)
    {
        this.config = config;
        process = Process.Start(new ProcessStartInfo(RequiredProgram.Find("supervisord"), ["-n", "-c", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        })!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>supervisorctl status once supervisord answers and lists <paramref name="expectedProgram"/>.</summary>
    public string Status(string expectedProgram)
    {
        var supervisorctl = RequiredProgram.Find("supervisorctl");
        var status = "";
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            status = Shell.Run(supervisorctl, "-c", config, "status").AllOutput;
            if (!status.Contains("refused") && !status.Contains("no such file") && status.Contains(expectedProgram)) break;
            Thread.Sleep(300);
        }
        return status;
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        process.Dispose();
    }
}
