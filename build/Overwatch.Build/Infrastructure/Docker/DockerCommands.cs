using Overwatch.Build.Infrastructure.Processes;

namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>The docker CLI invocations the pipeline uses, as data. Tests assert on the exact arguments.</summary>
public static class DockerCommands
{
    public static ProcessSpec ServerVersion() => Docker("version", "--format", "{{.Server.Version}}");

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

    public static ProcessSpec Build(
        string dockerfile,
        string context,
        IEnumerable<string> references,
        IReadOnlyDictionary<string, string> buildArgs,
        IReadOnlyDictionary<string, string> labels,
        string? cacheFrom,
        string? imageIdFile = null)
    {
        var arguments = new List<string> { "build", "--file", dockerfile };
        foreach (var reference in references) arguments.AddRange(["--tag", reference]);
        foreach (var (name, value) in buildArgs) arguments.AddRange(["--build-arg", $"{name}={value}"]);
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
