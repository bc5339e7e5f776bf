using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Inputs;
using Overwatch.Build.Infrastructure.Processes;

namespace Overwatch.Build.Containers;

/// <summary>The compose tool that is installed: the <c>docker compose</c> plugin, else the standalone <c>docker-compose</c>.</summary>
public sealed class ComposeTool
{
    private readonly IProcessRunner runner;
    private readonly string[] command;

    private readonly string? project;

    private ComposeTool(IProcessRunner runner, string[] command, string? project = null)
    {
        this.runner = runner;
        this.command = command;
        this.project = project;
    }

    /// <summary>The same tool, naming the compose project (--project-name) instead of deriving it from the folder.</summary>
    public ComposeTool ForProject(string name) => new(runner, command, name);

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

    /// <summary>Also removes containers of services no longer in the file, and the network compose made.</summary>
    public ProcessSpec Down(string file) => Spec(file, "down", "--remove-orphans");

    /// <summary>The container id of a service (empty output: not created).</summary>
    public ProcessSpec ContainerOf(string file, string service) => Spec(file, "ps", "--quiet", service);

    public ProcessSpec Logs(string file, string service, int lines) => Spec(file, "logs", "--no-color", "--tail", lines.ToString(System.Globalization.CultureInfo.InvariantCulture), service);

    /// <summary>Runs and returns the result; output is streamed to <paramref name="log"/>.</summary>
    public ProcessResult Run(ProcessSpec spec, Action<string> log) => runner.Run(spec, log);

    private ProcessSpec Spec(string file, params string[] arguments) =>
        new(command[0], [.. command[1..], .. (project is null ? Array.Empty<string>() : ["--project-name", project]), "--file", file, .. arguments]);
}
