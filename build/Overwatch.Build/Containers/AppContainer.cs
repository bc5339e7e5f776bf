using Overwatch.Build.Infrastructure.Processes;

namespace Overwatch.Build.Containers;

/// <summary>
/// An app container started the way the image's start command expects (docker/overwatch-start): host networking,
/// what RenderConfig rendered with <c>--deployment-root=/opt/overwatch</c> mounted at /opt/overwatch/exec and its
/// config.yaml at /opt/overwatch/config.yaml, labelled so that whatever a run starts can be found and removed.
/// The docker commands on it, as data.
/// </summary>
public sealed record AppContainer(string Name, string Image, string RunId, string ExecDir, string ConfigFile)
{
    public const string Root = "/opt/overwatch";
    public const string ExecMount = Root + "/exec";
    public const string SupervisordConf = ExecMount + "/config/supervisord.conf";

    /// <summary>Label holding the id of the build run that started the container.</summary>
    public const string RunLabel = "org.overwatch-build.smoke-run";

    /// <summary>Label holding the image reference under test.</summary>
    public const string ImageLabel = "org.overwatch-build.smoke-image";

    /// <summary>A name of its own per run and Python version, e.g. <c>overwatch-smoke-py3.6.7-1a2b3c4d</c>.</summary>
    public static string NameFor(string python, string runId) => $"overwatch-smoke-py{python}-{runId}";

    public ProcessSpec Run() => Docker(
        "run", "--detach", "--name", Name, "--network", "host",
        "--label", $"{RunLabel}={RunId}", "--label", $"{ImageLabel}={Image}",
        "--volume", $"{ExecDir}:{ExecMount}", "--volume", $"{ConfigFile}:{Root}/config.yaml:ro",
        Image);

    /// <summary>Exit status 0 even when a program is in BACKOFF or FATAL: the lines say it (<see cref="SupervisorStatus"/>).</summary>
    public ProcessSpec Status() => Docker("exec", Name, "supervisorctl", "-c", SupervisordConf, "status");

    /// <summary>"running 0", "exited 127", ...</summary>
    public ProcessSpec State() => Docker("inspect", "--format", "{{.State.Status}} {{.State.ExitCode}}", Name);

    public ProcessSpec Logs(int lines) => Docker("logs", "--tail", lines.ToString(System.Globalization.CultureInfo.InvariantCulture), Name);

    /// <summary>Stops and removes it with its anonymous volumes; succeeds also when it is already gone.</summary>
    public ProcessSpec Remove() => Docker("rm", "--force", "--volumes", Name);

    private static ProcessSpec Docker(params string[] arguments) => new("docker", arguments);
}
