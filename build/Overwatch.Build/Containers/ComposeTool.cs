using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Inputs;
using Overwatch.Build.Infrastructure.Processes;

namespace Overwatch.Build.Containers;

/// <summary>The compose tool that is installed: the <c>docker compose</c> plugin, else the standalone <c>docker-compose</c>.</summary>
public sealed class ComposeTool
{
    private readonly IProcessRunner runner;
    private readonly string[] command;

    private ComposeTool(IProcessRunner runner, string[] command)
    {
        this.runner = runner;
        this.command = command;
    }

    public string Name => string.Join(' ', command);

    public static ComposeTool Find(IProcessRunner runner)
    {
        foreach (var candidate in new[] { new[] { "docker", "compose" }, ["docker-compose"] })
        {
            try
            {
                if (runner.Run(new ProcessSpec(candidate[0], [.. candidate[1..], "version"])).Succeeded) return new ComposeTool(runner, candidate);
            }
            catch (ProgramNotFoundException)
            {
            }
        }
        throw new UsageException("no compose tool is installed: install the docker compose plugin or docker-compose (apt-get install docker-compose)");
    }

    public ProcessSpec Config(string file) => Spec(file, "config", "--quiet");

    public ProcessSpec Up(string file) => Spec(file, "up", "--detach");

    /// <summary>Runs and returns the result; output is streamed to <paramref name="log"/>.</summary>
    public ProcessResult Run(ProcessSpec spec, Action<string> log) => runner.Run(spec, log);

    private ProcessSpec Spec(string file, params string[] arguments) =>
        new(command[0], [.. command[1..], "--file", file, .. arguments]);
}
