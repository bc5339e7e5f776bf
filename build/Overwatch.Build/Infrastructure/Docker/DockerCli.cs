using Overwatch.Build.Infrastructure.Processes;

namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>
/// Runs docker commands, streaming their output to <paramref name="log"/>, with every known secret masked.
/// A <see cref="ConfigDirectory"/> (DOCKER_CONFIG) is used while a registry session is open.
/// </summary>
public sealed class DockerCli(IProcessRunner runner, Action<string> log)
{
    private static readonly HashSet<string> RegistryCommands = ["login", "logout", "pull", "push"];
    private readonly List<string> secrets = [];

    public string? ConfigDirectory { get; set; }

    public void AddSecret(string secret)
    {
        if (secret.Length > 0) secrets.Add(secret);
    }

    /// <summary>Fails with a clear line when docker is missing or its daemon is not reachable.</summary>
    public string EnsureDaemon()
    {
        var result = Execute(DockerCommands.ServerVersion(), quiet: true);
        if (result.Succeeded) return result.StandardOutput.Trim();
        throw new DockerException($"the Docker daemon is not reachable ({Mask(result.LastLine)}): start dockerd or point DOCKER_HOST at a running one");
    }

    public bool ImageExists(string reference) => Execute(DockerCommands.ImageExists(reference), quiet: true).Succeeded;

    /// <summary>A pull that fails is reported in one line and tolerated; the caller decides what a miss means.</summary>
    public bool TryPull(string reference)
    {
        var result = Execute(DockerCommands.Pull(reference), quiet: true);
        log(result.Succeeded ? $"Pulled {reference}." : $"Could not pull {reference} ({Mask(result.LastLine)}).");
        return result.Succeeded;
    }

    /// <summary>Runs a command that must succeed; <paramref name="what"/> names the step in the error.</summary>
    public ProcessResult Require(ProcessSpec spec, string what, string? fix = null)
    {
        var result = Execute(spec, quiet: false);
        if (result.Succeeded) return result;
        throw new DockerException(Mask(result.Failure($"{what} failed", fix)));
    }

    public ProcessResult Execute(ProcessSpec spec, bool quiet)
    {
        // Only registry commands see the session's credentials; builds keep the user's own docker config (plugins, contexts).
        if (ConfigDirectory is not null && spec.Arguments.Count > 0 && RegistryCommands.Contains(spec.Arguments[0]))
            spec = spec with { Environment = new Dictionary<string, string?>(spec.Environment) { ["DOCKER_CONFIG"] = ConfigDirectory } };
        if (!quiet) log("> " + Mask(spec.Display));
        return RequireDocker(() => runner.Run(spec, quiet ? null : line => log(Mask(line))));
    }

    /// <summary>Runs attached to the terminal (interactive shells); output is not captured.</summary>
    public int RunAttached(ProcessSpec spec)
    {
        log("> " + Mask(spec.Display));
        return RequireDocker(() => runner.RunAttached(spec));
    }

    private static T RequireDocker<T>(Func<T> run)
    {
        try
        {
            return run();
        }
        catch (ProgramNotFoundException)
        {
            throw new DockerException("docker is not installed (no 'docker' on PATH): install the Docker CLI, e.g. apt-get install docker.io");
        }
    }

    private string Mask(string text) => secrets.Aggregate(text, (current, secret) => current.Replace(secret, "***", StringComparison.Ordinal));
}
