using Overwatch.Build.Infrastructure.Processes;

namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>
/// Runs docker commands, streaming their output to <paramref name="log"/>, with every known secret masked.
/// A <see cref="ConfigDirectory"/> (DOCKER_CONFIG) is used while a registry session is open.
/// Registry commands are retried on transient faults as <see cref="Retries"/> allows.
/// </summary>
public sealed class DockerCli(IProcessRunner runner, Action<string> log)
{
    // A build imports cache from, and starts FROM, registry images: BuildKit asks this CLI for their credentials.
    private static readonly HashSet<string> RegistryCommands = ["login", "logout", "pull", "push", "manifest", "build"];
    private readonly SecretMask secrets = new();
    private readonly Lazy<IReadOnlyDictionary<string, string?>> userEnvironment = new(DockerClientConfig.ProcessEnvironment);

    private volatile string? configDirectory;

    /// <summary>Set by the one login of the run; read by every lane's registry commands.</summary>
    public string? ConfigDirectory
    {
        get => configDirectory;
        set => configDirectory = value;
    }

    public RetryPolicy Retries { get; set; } = RetryPolicy.Default;

    /// <summary>Waits between retries, cut short when the run or the lane is stopped; tests replace it.</summary>
    public Action<TimeSpan> Sleep { get; set; } = Lane.Sleep;

    public void AddSecret(string secret) => secrets.Add(secret);

    /// <summary>Fails with a clear line when docker is missing or its daemon is not reachable.</summary>
    public string EnsureDaemon()
    {
        var result = Execute(DockerCommands.ServerVersion(), quiet: true);
        if (result.Succeeded) return result.StandardOutput.Trim();
        throw Unreachable(result);
    }

    private DockerException Unreachable(ProcessResult result) =>
        new($"the Docker daemon is not reachable ({Mask(result.LastLine)}): start dockerd or point DOCKER_HOST (or DOCKER_CONTEXT) at a running one");

    /// <summary>Whether the image is local. Also the daemon check of the image targets: no separate `docker version` first.</summary>
    public bool ImageExists(string reference) => ImageId(reference) is not null;

    /// <summary>
    /// The local image ID (its config digest), or null when there is no such image; any other failure (no daemon at
    /// DOCKER_HOST, an unknown context) is the daemon's, reported as <see cref="EnsureDaemon"/> does.
    /// </summary>
    public string? ImageId(string reference)
    {
        var result = Execute(DockerCommands.ImageExists(reference), quiet: true);
        if (result.Succeeded) return result.StandardOutput.Trim();
        if (result.LastLines.Any(l => l.Contains("No such image", StringComparison.OrdinalIgnoreCase))) return null;
        throw Unreachable(result);
    }

    /// <summary>
    /// The local images among the references (ID and labels; null for those not local), in one docker call; any other
    /// failure is the daemon's, reported as <see cref="EnsureDaemon"/> does.
    /// </summary>
    public IReadOnlyDictionary<string, LocalImage?> InspectImages(IReadOnlyList<string> references)
    {
        if (references.Count == 0) return new Dictionary<string, LocalImage?>();
        var result = Execute(DockerCommands.InspectImages(references, LocalImages.Format), quiet: true);
        return LocalImages.Read(references, result) ?? throw Unreachable(result);
    }

    /// <summary>A pull; a miss (404) and a refusal (auth, rate limit, faults past the retries) are told apart.</summary>
    public RegistryOutcome Pull(string reference) =>
        Registry(DockerCommands.Pull(reference), $"pull of {reference}", quiet: true);

    /// <summary>Runs a registry command with retries on transient faults and a stall limit.</summary>
    public RegistryOutcome Registry(ProcessSpec spec, string what, bool quiet) =>
        new RegistryOperation(Retries, Sleep, Random.Shared.NextDouble, line => log(Mask(line)))
            .Run(what, () => Execute(spec with { StallLimit = Retries.StallLimit }, quiet));

    /// <summary>A registry command that must succeed: its failure names the step, the cause class and the fix.</summary>
    public ProcessResult RequireRegistry(ProcessSpec spec, string what)
    {
        var outcome = Registry(spec, what, quiet: false);
        if (outcome.Succeeded) return outcome.Result;
        throw new DockerException($"{what} failed: {outcome.Summary}; {outcome.LastFailure!.Fix}{Environment.NewLine}{Mask(outcome.Result.Tail())}");
    }

    /// <summary>
    /// The builder a `docker build` of this CLI and daemon uses (one `docker version`, and a look at where the CLI finds
    /// plugins); see <see cref="Builder"/>.
    /// </summary>
    public Builder DetectBuilder()
    {
        var result = Execute(DockerCommands.Versions(), quiet: true);
        if (!result.Succeeded) throw Unreachable(result);
        var environment = userEnvironment.Value;
        return DockerVersions.Parse(result.StandardOutput) is { } versions
            ? Builder.Decide(environment.GetValueOrDefault("DOCKER_BUILDKIT"), CliPlugins.Installed("buildx", environment), versions)
            : new Builder(false, $"`docker version` answered '{Mask(result.StandardOutput.Trim())}', not versions: assuming the legacy builder");
    }

    /// <summary>
    /// A docker build that must succeed. A BuildKit build's failure names the failed step, BuildKit's error and the
    /// step's last lines (not the Dockerfile excerpt BuildKit ends with); a legacy build's ends with its step already.
    /// </summary>
    public ProcessResult RequireBuild(ProcessSpec spec, string what)
    {
        var imports = new List<string>();
        var result = Execute(spec, quiet: false, line =>
        {
            if (line.StartsWith('#')) imports.Add(line);
        });
        foreach (var failed in CacheImport.Failures(imports)) log(Mask(failed.Line));
        if (result.Succeeded) return result;
        throw new DockerException(Mask(BuildKitFailure.Parse(result.LastLines) is { } failure
            ? failure.Describe(what, result.ExitCode)
            : result.Failure($"{what} failed")));
    }

    /// <summary>Runs a command that must succeed; <paramref name="what"/> names the step in the error.</summary>
    public ProcessResult Require(ProcessSpec spec, string what, string? fix = null)
    {
        var result = Execute(spec, quiet: false);
        if (result.Succeeded) return result;
        throw new DockerException(Mask(result.Failure($"{what} failed", fix)));
    }

    /// <summary>The command run with <paramref name="directory"/> as its docker config (a login before it is shared).</summary>
    public ProcessSpec InConfig(ProcessSpec spec, string directory)
    {
        var environment = new Dictionary<string, string?>(spec.Environment);
        foreach (var (name, value) in DockerClientConfig.Environment(directory, userEnvironment.Value)) environment[name] = value;
        return spec with { Environment = environment };
    }

    public ProcessResult Execute(ProcessSpec spec, bool quiet) => Execute(spec, quiet, observe: null);

    /// <param name="observe">Sees every line the command prints (unmasked) as it prints it, logged or not.</param>
    private ProcessResult Execute(ProcessSpec spec, bool quiet, Action<string>? observe)
    {
        // Only registry commands see the session's credentials; the session's config keeps the user's plugins and contexts.
        if (ConfigDirectory is { } directory && spec.Arguments.Count > 0 && RegistryCommands.Contains(spec.Arguments[0]))
            spec = InConfig(spec, directory);
        if (!quiet) log("> " + Mask(spec.Display));
        return RequireDocker(() => runner.Run(spec, quiet && observe is null ? null : line =>
        {
            observe?.Invoke(line);
            if (!quiet) log(Mask(line));
        }));
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

    public string Mask(string text) => secrets.Apply(text);
}
