using Overwatch.Build.Deploy.Model;
using System.Text;
using Overwatch.Build.Deploy.Rendering;
using Overwatch.Build.Deploy.Secrets;
using Overwatch.Build.Infrastructure.Files;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Deploy;

/// <summary>
/// The deploy pipeline of RenderConfig, Compose --network=host and the smoke test: read the deploy YAML, report every
/// problem at once, render all configs, and write them together with the secrets, all or nothing.
/// </summary>
public static class DeployPipeline
{

    // Throws UsageException for any user mistake (message: all problems, one per line, each naming the YAML path / variable and the fix).
    // Writes progress lines (file names written, never secret values or lengths) to log.
    public static RenderResult Render(RenderConfigOptions options, IReadOnlyDictionary<string, string?> environment, TextWriter log) =>
        Run(options, environment, log, checkOnly: false).Result!;

    /// <summary>
    /// Every problem <see cref="Render"/> would refuse, and nothing written: Compose --network=host gathers those of all
    /// its services (with its own checks) into one report.
    /// </summary>
    public static IReadOnlyList<DeployProblem> Check(RenderConfigOptions options, IReadOnlyDictionary<string, string?> environment) =>
        Run(options, environment, TextWriter.Null, checkOnly: true).Problems;

    private static (RenderResult? Result, IReadOnlyList<DeployProblem> Problems) Run(RenderConfigOptions options, IReadOnlyDictionary<string, string?> environment,
        TextWriter log, bool checkOnly)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("RenderConfig writes Unix file modes; run it on Linux or macOS");
        var workingDirectory = Path.GetFullPath(options.WorkingDirectory);
        var (yaml, source) = DeployConfigSource.Read(options.DeployConfigPath, options.DeployConfigEnv, environment, workingDirectory, required: true)!.Value;
        log.WriteLine($"Reading the deploy configuration from {source}");

        // Relative paths of the YAML, config.yaml and secrets belong to the deployment root: the directory
        // that holds the exec directory, never the build checkout when the exec directory is elsewhere.
        var execDir = Path.GetFullPath(options.ExecDir, workingDirectory);
        var deploymentRoot = Path.GetDirectoryName(execDir.TrimEnd('/')) ?? "/";
        var settings = RenderPlacement.Settings(options, execDir, deploymentRoot, environment);
        var variables = DeployConfigSource.Variables(environment, workingDirectory);
        // ${PWD} in the YAML (!expandVars, the receiver path's default) is the programs' working directory, and
        // for a container ~ is the programs' home under the mounted exec directory, where their credentials go.
        if (settings.Output is not null)
            variables = new Dictionary<string, string?>(DeployConfigSource.Variables(environment, settings.WorkingDirectory)) { ["HOME"] = settings.ContainerHome };
        var (config, problems) = DeployConfigLoader.LoadAndValidate(yaml, variables);
        var allProblems = problems.ToList();
        (RenderResult?, IReadOnlyList<DeployProblem>) Refused() =>
            checkOnly ? (null, allProblems) : throw new UsageException(DeployProblems.Format(allProblems));
        if (config is null) return Refused();
        if (options.ControlPortOffset != 0) config = config with { Control = config.Control with { Port = config.Control.Port + options.ControlPortOffset } };
        var secrets = SecretSource.Read(config.Environment, environment, deploymentRoot, allProblems, SshDestinations.All(config));
        if (options.Mounted is { } mounted)
        {
            allProblems.AddRange(mounted.Problems(config));
            secrets = SecretPlacement.Mounted(secrets, settings, mounted, allProblems);
        }
        if (allProblems.Count > 0) return Refused();

        if (settings.Output is not null)
            log.WriteLine($"Paths in the configs are as the programs see them under {settings.WorkingDirectory}; mount {execDir} at {settings.ExecDirAbsolute}");
        var files = ConfigRenderer.Render(config, settings, new TemplateSet(Path.GetFullPath(options.TemplatesDir, workingDirectory)));
        RenderPlacement.CheckUnderDeploymentRoot(files, settings, options.Mounted, allProblems);
        var secretFiles = secrets.Select(s => (Secret: s, Bytes: SecretPlacement.Bytes(s))).ToList();
        SecretPlacement.CheckExisting(secretFiles, options.Force, allProblems);
        // Where the files land here: the same as the configs' view unless --deployment-root names another root.
        var onDisk = settings.Output is { } place ? new RenderSettings(place.Root, place.ExecDir) : settings;
        var manifest = RenderManifest.PathIn(onDisk);
        var previous = RenderManifest.Read(manifest);
        var outputs = files.Where(f => settings.OutputPath(f.Path) is not null)
            .Select(f => (Path: settings.OutputPath(f.Path)!, Contents: Encoding.UTF8.GetBytes(f.Text))).ToList();
        var roots = OutputGuard.ConfigRoots(config, onDisk);
        OutputGuard.CheckConfigs(outputs, roots, previous, options.Force, workingDirectory, allProblems);
        OutputGuard.CheckPlace(manifest, roots, workingDirectory, allProblems);
        OutputGuard.CheckDirectories(config, settings, allProblems);
        SupervisordConfCheck.Check(outputs, config, onDisk, allProblems);
        OutputGuard.CheckSecrets(secrets, OutputGuard.SecretRoots(onDisk, environment), allProblems);
        if (allProblems.Count > 0 || checkOnly) return Refused();

        var written = new List<string>();
        var unchanged = new List<string>();
        var produced = outputs.Select(o => o.Path).ToList();
        var cleanup = OutputGuard.Stale(previous, produced, roots);
        var stale = cleanup.Remove;
        var current = "";
        try
        {
            using (var output = new StagedOutput())
            {
                foreach (var file in files)
                {
                    var path = current = settings.OutputPath(file.Path)!;
                    var bytes = Encoding.UTF8.GetBytes(file.Text);
                    if (StagedOutput.IsUnchanged(path, bytes) && File.GetUnixFileMode(path) == file.Mode) unchanged.Add(path);
                    else { output.Stage(path, bytes, file.Mode); written.Add(path); }
                }
                foreach (var (secret, bytes) in secretFiles)
                {
                    current = secret.Path;
                    // Same bytes but readable by others is not "unchanged": restaging fixes the mode.
                    if (StagedOutput.IsUnchanged(secret.Path, bytes) && File.GetUnixFileMode(secret.Path) == RenderedFile.Private) unchanged.Add(secret.Path);
                    else { output.Stage(secret.Path, bytes, RenderedFile.Private, StagedOutput.PrivateDirectory); written.Add(secret.Path); }
                }
                current = manifest;
                var manifestBytes = Encoding.UTF8.GetBytes(RenderManifest.Text(outputs));
                if (!StagedOutput.IsUnchanged(manifest, manifestBytes)) output.Stage(manifest, manifestBytes, RenderedFile.Readable);
                output.Commit();
            }
            foreach (var path in stale) File.Delete(current = path);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new UsageException($"cannot write {Display(current, workingDirectory)} ({e.Message}); nothing was changed. Run where you may write it, or change nginx.basePath / the secret's writeLocation / --exec-dir");
        }
        // supervisord's childlogdir and uwsgi's sockets must exist; they are kept in git, but --exec-dir may be new.
        ExecLayout.Ensure(settings.OutputPath(settings.ExecDirAbsolute)!);
        if (config.Nginx is not null) Directory.CreateDirectory(settings.OutputPath(settings.NginxTempDir)!);

        foreach (var path in written) log.WriteLine($"Wrote {Display(path, workingDirectory)}");
        foreach (var path in unchanged) log.WriteLine($"Unchanged {Display(path, workingDirectory)}");
        foreach (var path in stale) log.WriteLine($"Removed {Display(path, workingDirectory)} (no longer rendered)");
        foreach (var (path, reason) in cleanup.Kept) log.WriteLine($"Kept {Display(path, workingDirectory)}, no longer rendered: {reason}");
        return (new RenderResult(config, written, unchanged), []);
    }

    private static string Display(string path, string workingDirectory) => DeploymentLayout.Display(path, workingDirectory);
}
