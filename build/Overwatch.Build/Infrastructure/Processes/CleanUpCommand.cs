using System.ComponentModel;
using System.Diagnostics;

namespace Overwatch.Build.Infrastructure.Processes;

/// <summary>
/// A clean-up command that must run also after an interrupt (when <see cref="ProcessRunner"/> refuses to start
/// anything), e.g. the removal of a container the run started. Output discarded, bounded in time.
/// </summary>
public static class CleanUpCommand
{
    public static bool Run(ProcessSpec spec, TimeSpan limit)
    {
        var start = new ProcessStartInfo(spec.Program, spec.Arguments)
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        try
        {
            using var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (process.WaitForExit(limit)) return process.ExitCode == 0;
            process.Kill(entireProcessTree: true);
            return false;
        }
        catch (Win32Exception)
        {
            return false;
        }
    }
}
