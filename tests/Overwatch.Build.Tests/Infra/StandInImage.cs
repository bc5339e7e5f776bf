namespace Overwatch.Build.Tests.Infra;

/// <summary>
/// The stand-in app image of the real-stack tests, built by ./build.sh --target=DockerImage: a git checkout of the
/// stand-in Overwatch (a temp repository, --source-dir), an images file naming the stand-in Dockerfile with
/// <c>sourceTree: overwatch-src</c>, and the stand-in base (.ci/standin-base) tagged as the plan's base image. The
/// registry is a closed loopback port: nothing is pulled or pushed (the cache-image pull fails at once).
/// </summary>
public sealed class StandInImage : IDisposable
{
    public const string BaseImage = "overwatch-standin-base:bookworm";
    public const string RevisionLabel = "org.opencontainers.image.revision";
    public const string Python = "3.11.2";
    private const string Branch = "realstack";

    private readonly TempDirectory work = new("owb-realstack");
    private readonly string registry = $"127.0.0.1:{FreePort.OnLoopback()}";
    private readonly string space = $"owbrs{Guid.NewGuid():N}"[..16];
    private readonly List<string> built = [];

    public static string Fixture => Path.Combine(RepoPaths.Fixtures, "StandIn");

    public string Checkout => work.Combine("checkout");

    public string ImagesConfig => work.Combine("images.yaml");

    /// <summary>The app image's reference in the plan (the branch is pretended: --branch=realstack).</summary>
    public string Reference => $"{registry}/{space}/overwatch:{Branch}-py{Python}";

    private string BaseReference => $"{registry}/{space}/overwatch-base:py{Python}";

    /// <summary>The arguments that make the plan name this image: images file, source, ref, Python.</summary>
    public IReadOnlyList<string> PlanArguments =>
        [$"--images-config={ImagesConfig}", $"--source-dir={Checkout}", $"--branch={Branch}", $"--python-version={Python}", "--retries=0"];

    public StandInImage()
    {
        DockerDaemon.Require();
        if (Shell.Run("docker", "image", "inspect", BaseImage).ExitCode != 0)
            RequiredProgram.Unavailable($"the stand-in base image {BaseImage} is missing; build it with .ci/standin-base (run by .ci/setup)");
        CopyDirectory(Path.Combine(Fixture, "overwatch-src"), Checkout);
        Git("init", "-q");
        File.WriteAllText(ImagesConfig, $"""
            # The real-stack tests' images file: the stand-in Dockerfile, built from the checkout's commit.
            registry: {registry}
            namespace: {space}
            source: https://example.org/overwatch-standin
            pythonVersions: [{Python}]
            base:
              name: overwatch-base
              dockerfile: {Path.Combine(RepoPaths.Root, "docker", "Dockerfile.build")}
              context: {Path.Combine(RepoPaths.Root, "docker")}
            app:
              name: overwatch
              dockerfile: {Path.Combine(Fixture, "Dockerfile")}
              context: {Path.Combine(RepoPaths.Root, "docker")}
              sourceTree: overwatch-src
            """);
        Run("docker", "tag", BaseImage, BaseReference);
    }

    public string Commit(string message)
    {
        Git("add", "-A");
        Git("-c", "user.name=Overwatch Build", "-c", "user.email=overwatch-build@localhost", "commit", "-q", "--allow-empty", "-m", message);
        return Head;
    }

    public string Head => Git("rev-parse", "HEAD").Trim();

    /// <summary>Checks out <paramref name="commit"/> (detached), so the next build plans it.</summary>
    public void CheckOut(string commit) => Git("checkout", "-q", "--detach", commit);

    /// <summary>./build.sh --target=DockerImage of the checkout's HEAD; returns the result and the image's id.</summary>
    public (CommandResult Result, string? Id) Build()
    {
        var result = BuildScript.Run(["--target=DockerImage", .. PlanArguments]);
        if (result.ExitCode != 0) return (result, null);
        var id = Id(Reference);
        built.Add(id);
        // A tag of its own keeps the image when a later build takes the reference: under the containerd image store an
        // image left without a name cannot be run by its ID.
        Run("docker", "tag", id, $"{Reference}-build{built.Count}");
        return (result, id);
    }

    public static string Id(string image) => Run("docker", "image", "inspect", "--format", "{{.Id}}", image).Trim();

    /// <summary>
    /// The image's layers (their digests, oldest first), as every engine shows them; not `docker history`'s image IDs,
    /// which BuildKit's images have for no entry ("&lt;missing&gt;").
    /// </summary>
    public static IReadOnlyList<string> Layers(string image) =>
        Run("docker", "image", "inspect", "--format", "{{range .RootFS.Layers}}{{println .}}{{end}}", image).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public void Dispose()
    {
        Shell.Run("docker", ["rmi", "--force", Reference, BaseReference, .. built.Select((_, i) => $"{Reference}-build{i + 1}")]);
        // Images of earlier commits lost the tag to later builds.
        if (built.Count > 0) Shell.Run("docker", ["rmi", "--force", .. built.Distinct()]);
        work.Dispose();
    }

    private string Git(params string[] arguments) => Run("git", ["-C", Checkout, .. arguments]);

    private static string Run(string program, params string[] arguments)
    {
        var result = Shell.Run(program, arguments);
        if (result.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {result}");
        return result.StandardOutput;
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(directory.Replace(from, to));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(from, to));
    }
}
