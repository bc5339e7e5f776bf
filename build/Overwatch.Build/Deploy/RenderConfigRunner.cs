using System.Text;
using Overwatch.Build.Deploy.Rendering;
using Overwatch.Build.Deploy.Secrets;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Deploy;

/// <summary>
/// The RenderConfig target: read the deploy YAML, report every problem at once, render all configs,
/// and write them together with the secrets, all or nothing.
/// </summary>
public static class RenderConfigRunner
{
    // Throws UsageException for any user mistake (message: all problems, one per line, each naming the YAML path / variable and the fix).
    // Writes progress lines (file names written, never secret values or lengths) to log.
    public static RenderResult Run(RenderConfigOptions options, IReadOnlyDictionary<string, string?> environment, TextWriter log)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("RenderConfig writes Unix file modes; run it on Linux or macOS");
        var workingDirectory = Path.GetFullPath(options.WorkingDirectory);
        var (yaml, source) = DeployConfigSource.Read(options.DeployConfigPath, options.DeployConfigEnv, environment, workingDirectory, required: true)!.Value;
        log.WriteLine($"Reading the deploy configuration from {source}");

        var (config, problems) = DeployConfigLoader.LoadAndValidate(yaml, environment);
        var allProblems = problems.ToList();
        if (config is null) throw new UsageException(DeployProblems.Format(allProblems));
        var secrets = SecretSource.Read(config.Environment, environment, workingDirectory, allProblems);
        if (allProblems.Count > 0) throw new UsageException(DeployProblems.Format(allProblems));

        var settings = new RenderSettings(workingDirectory, options.ExecDir);
        var files = ConfigRenderer.Render(config, settings, new TemplateSet(Path.GetFullPath(options.TemplatesDir, workingDirectory)));
        var secretFiles = secrets.Select(s => (Secret: s, Bytes: SecretBytes(s))).ToList();
        CheckExistingSecrets(secretFiles, options.Force, allProblems);
        var manifest = RenderManifest.PathIn(settings);
        var previous = RenderManifest.Read(manifest);
        var outputs = files.Select(f => (Path: settings.Absolute(f.Path), Contents: Encoding.UTF8.GetBytes(f.Text))).ToList();
        var roots = OutputGuard.ConfigRoots(config, settings);
        OutputGuard.CheckConfigs(outputs, roots, previous, options.Force, workingDirectory, allProblems);
        OutputGuard.CheckPlace(manifest, roots, workingDirectory, allProblems);
        OutputGuard.CheckDirectories(config, settings, allProblems);
        SupervisordConfCheck.Check(outputs, config, settings, allProblems);
        OutputGuard.CheckSecrets(secrets, OutputGuard.SecretRoots(settings, environment), allProblems);
        if (allProblems.Count > 0) throw new UsageException(DeployProblems.Format(allProblems));

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
                    var path = current = settings.Absolute(file.Path);
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
        Directory.CreateDirectory(settings.LogsDir);
        Directory.CreateDirectory(settings.SocketsDir);

        foreach (var path in written) log.WriteLine($"Wrote {Display(path, workingDirectory)}");
        foreach (var path in unchanged) log.WriteLine($"Unchanged {Display(path, workingDirectory)}");
        foreach (var path in stale) log.WriteLine($"Removed {Display(path, workingDirectory)} (no longer rendered)");
        foreach (var (path, reason) in cleanup.Kept) log.WriteLine($"Kept {Display(path, workingDirectory)}, no longer rendered: {reason}");
        return new RenderResult(config, written, unchanged);
    }

    /// <summary>Keys read from a variable lost their last newline to $(cat ...); OpenSSH refuses a key without it.</summary>
    private static byte[] SecretBytes(Secret secret) =>
        Encoding.UTF8.GetBytes(secret.Value.EndsWith('\n') ? secret.Value : secret.Value + "\n");

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void CheckExistingSecrets(IEnumerable<(Secret Secret, byte[] Bytes)> secrets, bool force, List<DeployProblem> problems)
    {
        if (force) return;
        foreach (var (secret, bytes) in secrets)
        {
            if (File.Exists(secret.Path) && !StagedOutput.IsUnchanged(secret.Path, bytes))
            {
                problems.Add(new DeployProblem($"{secret.Spec.YamlPath}.writeLocation", secret.Spec.Line,
                    $"{secret.Path} already exists with different contents; move it away, or pass --force to replace it"));
            }
        }
    }

    private static string Display(string path, string workingDirectory)
    {
        var relative = Path.GetRelativePath(workingDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}
