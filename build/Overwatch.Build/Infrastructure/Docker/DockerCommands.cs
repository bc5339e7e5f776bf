using Overwatch.Build.Infrastructure.Processes;

namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>The docker CLI invocations the pipeline uses, as data.</summary>
public static class DockerCommands
{
    public static ProcessSpec ServerVersion() => Docker("version", "--format", "{{.Server.Version}}");

    /// <summary>The CLI's and the daemon's version and the daemon's OS: what decides the builder (<see cref="Builder"/>).</summary>
    public static ProcessSpec Versions() => Docker("version", "--format", DockerVersions.Format);

    public static ProcessSpec ImageExists(string reference) => Docker("image", "inspect", "--format", "{{.Id}}", reference);

    public static ProcessSpec InspectImages(IEnumerable<string> references, string format) => Docker(["image", "inspect", "--format", format, .. references]);

    /// <summary>Not --quiet: its per-layer lines are the progress that tells a slow pull from a stalled one.</summary>
    public static ProcessSpec Pull(string reference) => Docker("pull", reference);

    /// <summary>The registry's manifest of a reference, with its config digest (the image ID it was pushed from).</summary>
    public static ProcessSpec ManifestInspect(string reference, bool insecure) =>
        insecure ? Docker("manifest", "inspect", "--insecure", "--verbose", reference) : Docker("manifest", "inspect", "--verbose", reference);

    public static ProcessSpec RemoveContainer(string name) => Docker("rm", "--force", name);

    public static ProcessSpec Tag(string source, string target) => Docker("tag", source, target);

    public static ProcessSpec Push(string reference) => Docker("push", reference);

    /// <param name="plainProgress">BuildKit's plain progress: the step lines a log can show (its default redraws a terminal).</param>
    /// <param name="inlineCache">
    /// BuildKit writes the layer cache into the image (BUILDKIT_INLINE_CACHE): without it, a BuildKit build given the
    /// pushed image as --cache-from, e.g. on a fresh CI runner, reuses none of its layers, silently.
    /// </param>
    public static ProcessSpec Build(
        string dockerfile,
        string context,
        IEnumerable<string> references,
        IReadOnlyDictionary<string, string> buildArgs,
        IReadOnlyDictionary<string, string> labels,
        string? cacheFrom,
        string? imageIdFile = null,
        bool plainProgress = false,
        bool inlineCache = false)
    {
        var arguments = new List<string> { "build", "--file", dockerfile };
        if (plainProgress) arguments.Add("--progress=plain");
        foreach (var reference in references) arguments.AddRange(["--tag", reference]);
        foreach (var (name, value) in buildArgs) arguments.AddRange(["--build-arg", $"{name}={value}"]);
        if (inlineCache) arguments.AddRange(["--build-arg", "BUILDKIT_INLINE_CACHE=1"]);
        foreach (var (name, value) in labels) arguments.AddRange(["--label", $"{name}={value}"]);
        if (cacheFrom is not null) arguments.AddRange(["--cache-from", cacheFrom]);
        if (imageIdFile is not null) arguments.AddRange(["--iidfile", imageIdFile]);
        arguments.Add(context);
        return new ProcessSpec("docker", arguments);
    }

    /// <summary>The password goes through standard input only, never the argument list.</summary>
    public static ProcessSpec Login(string registry, string username, string password) =>
        Docker("login", "--username", username, "--password-stdin", registry) with { StandardInput = password, SecretInput = true };

    public static ProcessSpec Logout(string registry) => Docker("logout", registry);

    /// <summary>"running 0" for a container that runs and never restarted.</summary>
    public static ProcessSpec ContainerState(string container) => Docker("inspect", "--format", "{{.State.Status}} {{.RestartCount}}", container);

    public static ProcessSpec Exec(string container, params string[] command) => Docker(["exec", container, .. command]);

    private static ProcessSpec Docker(params string[] arguments) => new("docker", arguments);
}
