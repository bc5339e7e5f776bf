using Overwatch.Build.Inputs;
using Overwatch.Build.Infrastructure.Processes;

namespace Overwatch.Build.Containers;

/// <summary>
/// A smoke-test container of an app image, made so that it works on whatever engine the docker CLI points at (the local
/// one, GitLab's dind, a remote DOCKER_HOST): created, then what RenderConfig rendered with
/// <c>--deployment-root=/opt/overwatch</c> copied in (<see cref="SmokeArchive"/>: no bind mount of this machine's
/// paths), then started where the image's start command (docker/overwatch-start) finds it. It has a network of its
/// own (<c>--network none</c>: a loopback nothing else shares, so the smoke ports cannot clash with the engine host's
/// and nothing outside reaches it), and every check runs inside it with <c>docker exec</c>. Labelled so that whatever
/// a run starts can be found and removed. The docker commands on it, as data.
/// </summary>
public sealed record AppContainer(string Name, string Image, string RunId)
{
    public const string Root = AppImageRoot.Path;
    public const string ExecMount = Root + "/exec";
    public const string SupervisordConf = ExecMount + "/" + ExecLayout.SupervisordConf;

    /// <summary>Label holding the id of the build run that started the container.</summary>
    public const string RunLabel = "org.overwatch-build.smoke-run";

    /// <summary>Label holding the image reference under test.</summary>
    public const string ImageLabel = "org.overwatch-build.smoke-image";

    /// <summary>A name of its own per run and Python version, e.g. <c>overwatch-smoke-py3.6.7-1a2b3c4d</c>.</summary>
    public static string NameFor(string python, string runId) => $"overwatch-smoke-py{python}-{runId}";

    public ProcessSpec Create() => Docker(
        "create", "--name", Name, "--network", "none",
        "--label", $"{RunLabel}={RunId}", "--label", $"{ImageLabel}={Image}",
        Image);

    /// <summary>Extracts the tar stream (<see cref="SmokeArchive"/>) into <see cref="Root"/> with the owners and modes it names.</summary>
    public ProcessSpec CopyIn(byte[] archive) => Docker("cp", "-", $"{Name}:{Root}") with { StandardInputBytes = archive };

    public ProcessSpec Start() => Docker("start", Name);

    /// <summary>Exit status 0 even when a program is in BACKOFF or FATAL: the lines say it (<see cref="SupervisorStatus"/>).</summary>
    public ProcessSpec Status() => Docker("exec", Name, "supervisorctl", "-c", SupervisordConf, "status");

    /// <summary>GET of a URL of the container's own loopback (<see cref="SmokeHttpGet"/>).</summary>
    public ProcessSpec Get(string url, string host, TimeSpan limit) => SmokeHttpGet.Command(Name, url, host, limit);

    /// <summary>"running 0", "exited 127", ...</summary>
    public ProcessSpec State() => Docker("inspect", "--format", "{{.State.Status}} {{.State.ExitCode}}", Name);

    public ProcessSpec Logs(int lines) => Docker("logs", "--tail", lines.ToString(System.Globalization.CultureInfo.InvariantCulture), Name);

    /// <summary>Stops and removes it with its anonymous volumes; succeeds also when it is already gone.</summary>
    public ProcessSpec Remove() => Docker("rm", "--force", "--volumes", Name);

    private static ProcessSpec Docker(params string[] arguments) => new("docker", arguments);
}
