using Overwatch.Build.Infrastructure.Processes;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Deploy;

/// <summary>
/// Asks the supervisord described by the rendered config to pick up changed programs (<c>supervisorctl update</c>),
/// turning the seed's bare "Connection refused" into an explanation.
/// </summary>
public static class SupervisorUpdate
{
    public static readonly string NotRunning =
        "supervisorctl could not reach supervisord (connection refused): supervisord is not running. " +
        "This is harmless if you did not mean to use supervisor (for example after rendering the configs by hand). " +
        "Otherwise start it with 'supervisord -c {0}', or set 'supervisor: false' in the deploy config.";

    public static void Run(string supervisordConf, string execDir, IProcessRunner runner, Action<string> log)
    {
        if (!File.Exists(supervisordConf))
            throw new UsageException($"{supervisordConf} does not exist: render it first with ./build.sh --target=RenderConfig");
        ExecLayout.Ensure(execDir);

        var spec = new ProcessSpec("supervisorctl", ["-c", supervisordConf, "update"]);
        log("> " + spec.Display);
        ProcessResult result;
        try
        {
            result = runner.Run(spec, log);
        }
        catch (ProgramNotFoundException)
        {
            throw new UsageException("supervisorctl is not installed: install supervisor (e.g. apt-get install supervisor)");
        }

        if (result.Succeeded) return;
        if (result.LastLines.Any(IsRefused)) throw new UsageException(string.Format(NotRunning, supervisordConf));
        throw new UsageException(result.Failure("supervisorctl update failed"));
    }

    /// <summary>A line of supervisorctl saying that no supervisord listens where the config points.</summary>
    public static bool IsRefused(string line) =>
        line.Contains("Connection refused", StringComparison.OrdinalIgnoreCase)
        || line.Contains("refused connection", StringComparison.OrdinalIgnoreCase)
        || line.Contains("no such file", StringComparison.OrdinalIgnoreCase);
}
