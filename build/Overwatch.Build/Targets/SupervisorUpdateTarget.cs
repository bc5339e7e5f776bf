using Overwatch.Build.Inputs;
using Overwatch.Build.Infrastructure.Processes;

namespace Overwatch.Build.Targets;

/// <summary>
/// Asks the supervisord described by the rendered config to pick up changed programs (<c>supervisorctl update</c>),
/// turning the seed's bare "Connection refused" into an explanation.
/// </summary>
public sealed class SupervisorUpdate(IProcessRunner runner, Action<string> log)
{
    public const string ConfigRelativePath = "config/supervisord.conf";

    public static readonly string NotRunning =
        "supervisorctl could not reach supervisord (connection refused): supervisord is not running. " +
        "This is harmless if you did not mean to use supervisor (for example after rendering the configs by hand). " +
        "Otherwise start it with 'supervisord -c {0}', or set 'supervisor: false' in the deploy config.";

    public void Run(string execDir)
    {
        var config = Path.Combine(execDir, ConfigRelativePath);
        if (!File.Exists(config))
            throw new UsageException($"{config} does not exist: render it first with ./build.sh --target=RenderConfig");
        ExecDirectories.Ensure(execDir);

        var spec = new ProcessSpec("supervisorctl", ["-c", config, "update"]);
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
        if (result.LastLines.Any(IsRefused)) throw new UsageException(string.Format(NotRunning, config));
        throw new UsageException($"supervisorctl update failed (exit code {result.ExitCode}); its last lines:{Environment.NewLine}{result.Tail()}");
    }

    private static bool IsRefused(string line) =>
        line.Contains("Connection refused", StringComparison.OrdinalIgnoreCase)
        || line.Contains("refused connection", StringComparison.OrdinalIgnoreCase)
        || line.Contains("no such file", StringComparison.OrdinalIgnoreCase);
}
