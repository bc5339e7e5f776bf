namespace Overwatch.Build.Infrastructure.Processes;

public interface IProcessRunner
{
    /// <summary>Runs to completion. When <paramref name="stream"/> is set every output line goes to it as it comes.</summary>
    ProcessResult Run(ProcessSpec spec, Action<string>? stream = null);

    /// <summary>Runs attached to this process's terminal (for interactive shells); returns the exit code.</summary>
    int RunAttached(ProcessSpec spec);
}
