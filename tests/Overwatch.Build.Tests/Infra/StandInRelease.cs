namespace Overwatch.Build.Tests.Infra;

/// <summary>
/// What ./build.sh --target=Publish builds, smoke-tests and pushes in the smoke tests: an images file whose app
/// image is the stand-in (Fixtures/StandIn/Dockerfile on the stand-in base, tagged locally as each version's base
/// image so nothing is pulled), a build context laid out as docker/Dockerfile expects (overwatch-src/ and
/// overwatch-start), and the stand-in's smoke deployment. Variants change the source, the start command or the
/// Dockerfile or the smoke deploy YAML. Removes every image it tagged, on the engine given (else the one under test).
/// </summary>
public sealed class StandInRelease : IDisposable
{
    private readonly TempDirectory work = new("owb-smoke");
    private readonly string registry;
    private readonly IReadOnlyDictionary<string, string?> engine;

    public StandInRelease(string registry, string space, IReadOnlyList<string> pythons, int timeLimit = 30,
        Action<string>? changeSource = null, string? startCommand = null, string? dockerfileTail = null, bool smoke = true,
        Func<string, string>? changeSmokeDeploy = null, IReadOnlyDictionary<string, string?>? engine = null)
    {
        this.registry = registry;
        this.engine = engine ?? new Dictionary<string, string?>();
        Space = space;
        Pythons = pythons;
        var context = work.Combine("context");
        CopyDirectory(Path.Combine(StandInImage.Fixture, "overwatch-src"), Path.Combine(context, "overwatch-src"));
        changeSource?.Invoke(Path.Combine(context, "overwatch-src"));
        var start = Path.Combine(context, "overwatch-start");
        if (startCommand is null) File.Copy(Path.Combine(RepoPaths.Root, "docker", "overwatch-start"), start);
        else File.WriteAllText(start, startCommand);
        File.SetUnixFileMode(start, (UnixFileMode)0b111_101_101);
        File.WriteAllText(work.Combine("Dockerfile"), File.ReadAllText(Path.Combine(StandInImage.Fixture, "Dockerfile")) + (dockerfileTail ?? ""));
        var smokeDeploy = Path.Combine(StandInImage.Fixture, "smoke-deploy.yaml");
        if (changeSmokeDeploy is not null)
        {
            File.WriteAllText(work.Combine("smoke-deploy.yaml"), changeSmokeDeploy(File.ReadAllText(smokeDeploy)));
            smokeDeploy = work.Combine("smoke-deploy.yaml");
        }
        var smokeSection = smoke ? $"""
            smoke:
              deployConfig: {smokeDeploy}
              host: dev.example.org
              status: 200
              timeLimit: {timeLimit}
            """ : "";
        File.WriteAllText(ImagesFile, $"""
            registry: {registry}
            namespace: {space}
            source: https://example.org/overwatch-standin
            pythonVersions: [{string.Join(", ", pythons)}]
            base:
              name: overwatch-base
              dockerfile: Dockerfile
              context: context
            app:
              name: overwatch
              dockerfile: Dockerfile
              context: context
            {smokeSection}
            """);
        foreach (var python in pythons) Run(["tag", StandInImage.BaseImage, BaseReference(python)]);
    }

    public string Space { get; }
    public IReadOnlyList<string> Pythons { get; }
    public string ImagesFile => work.Combine("images.yaml");
    public string Repository => $"{Space}/overwatch";

    public string BaseReference(string python) => $"{registry}/{Space}/overwatch-base:py{python}";

    public void Dispose()
    {
        var ours = Shell.Run("docker", ["images", "--format", "{{.Repository}}:{{.Tag}}"], engine).StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(i => i.StartsWith($"{registry}/{Space}/", StringComparison.Ordinal)).ToList();
        if (ours.Count > 0) Shell.Run("docker", ["rmi", "--force", .. ours], engine);
        work.Dispose();
    }

    private void Run(string[] arguments)
    {
        var result = Shell.Run("docker", arguments, engine);
        if (result.ExitCode != 0) throw new InvalidOperationException($"docker {string.Join(' ', arguments)} failed: {result}");
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(directory.Replace(from, to));
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(from, to));
    }
}
