using Overwatch.Build.Infrastructure.Processes;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Targets;

/// <summary>
/// SupervisorUpdate: asks the supervisord described by the rendered config to pick up changed programs
/// (<c>supervisorctl update</c>), turning the seed's bare "Connection refused" into an explanation.
/// </summary>
public sealed class SupervisorUpdateTarget(BuildContext context)
{
    public static readonly string NotRunning =
        "supervisorctl could not reach supervisord (connection refused): supervisord is not running. " +
        "This is harmless if you did not mean to use supervisor (for example after rendering the configs by hand). " +
        "Otherwise start it with 'supervisord -c {0}', or set 'supervisor: false' in the deploy config.";

    public void Run()
    {
        var config = context.Layout.SupervisordConf;
        if (!File.Exists(config))
            throw new UsageException($"{config} does not exist: render it first with ./build.sh --target=RenderConfig");
        ExecLayout.Ensure(context.Layout.ExecDir);

        var spec = new ProcessSpec("supervisorctl", ["-c", config, "update"]);
        context.Log("> " + spec.Display);
        ProcessResult result;
        try
        {
            result = context.Runner.Run(spec, context.Log);
        }
        catch (ProgramNotFoundException)
        {
            throw new UsageException("supervisorctl is not installed: install supervisor (e.g. apt-get install supervisor)");
        }

        if (result.Succeeded) return;
        if (result.LastLines.Any(IsRefused)) throw new UsageException(string.Format(NotRunning, config));
        throw new UsageException(result.Failure("supervisorctl update failed"));
    }

    private static bool IsRefused(string line) =>
        line.Contains("Connection refused", StringComparison.OrdinalIgnoreCase)
        || line.Contains("refused connection", StringComparison.OrdinalIgnoreCase)
        || line.Contains("no such file", StringComparison.OrdinalIgnoreCase);
}
