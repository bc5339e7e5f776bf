namespace Overwatch.Build.Tests.Infra;

/// <summary>
/// The stand-in app image of the real-stack tests: a git checkout of the stand-in Overwatch (a temp
/// repository), and app images built from its commits on the stand-in base (.ci/standin-base), with the
/// build context laid out as docker/Dockerfile expects (overwatch-src/ from git archive, overwatch-start).
/// </summary>
public sealed class StandInImage : IDisposable
{
    public const string BaseImage = "overwatch-standin-base:bookworm";
    public const string RevisionLabel = "org.opencontainers.image.revision";

    private readonly TempDirectory work = new("owb-realstack");
    private readonly List<string> tags = [];
    private readonly string name = $"overwatch-standin-app-test-{Guid.NewGuid():N}"[..40];

    public static string Fixture => Path.Combine(RepoPaths.Fixtures, "StandIn");

    public string Checkout => work.Combine("checkout");

    public StandInImage()
    {
        DockerDaemon.Require();
        if (Shell.Run("docker", "image", "inspect", BaseImage).ExitCode != 0)
            RequiredProgram.Unavailable($"the stand-in base image {BaseImage} is missing; build it with .ci/standin-base (run by .ci/setup)");
        CopyDirectory(Path.Combine(Fixture, "overwatch-src"), Checkout);
        Git("init", "-q");
    }

    public string Commit(string message)
    {
        Git("add", "-A");
        Git("-c", "user.name=Overwatch Build", "-c", "user.email=overwatch-build@localhost", "commit", "-q", "--allow-empty", "-m", message);
        return Git("rev-parse", "HEAD").Trim();
    }

    /// <summary>Builds the image of <paramref name="commit"/>; returns its tag.</summary>
    public string Build(string commit)
    {
        var context = work.Combine($"context-{commit}");
        if (Directory.Exists(context)) Directory.Delete(context, recursive: true);
        Directory.CreateDirectory(Path.Combine(context, "overwatch-src"));
        var archive = Path.Combine(work.Path, $"{commit}.tar");
        Git("archive", "--output", archive, commit);
        Run("tar", "-x", "-f", archive, "-C", Path.Combine(context, "overwatch-src"));
        File.Copy(Path.Combine(RepoPaths.Root, "docker", "overwatch-start"), Path.Combine(context, "overwatch-start"));
        var tag = $"{name}:{commit[..12]}-{tags.Count}";
        Run("docker", "build", "--network", "none", "--quiet", "--file", Path.Combine(Fixture, "Dockerfile"),
            "--build-arg", $"OVERWATCH_COMMIT={commit}", "--label", $"{RevisionLabel}={commit}", "--tag", tag, context);
        tags.Add(tag);
        return tag;
    }

    public static string Id(string image) => Run("docker", "image", "inspect", "--format", "{{.Id}}", image).Trim();

    /// <summary>The layer made by copying the source into /opt/overwatch (the history entry's created-by text and id).</summary>
    public static string SourceLayer(string image) =>
        Run("docker", "history", "--no-trunc", "--format", "{{.CreatedBy}} {{.ID}}", image)
            .Split('\n').First(l => l.Contains("COPY") && l.Contains("/opt/overwatch/"));

    public void Dispose()
    {
        foreach (var tag in tags) Shell.Run("docker", "rmi", "--force", tag);
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
