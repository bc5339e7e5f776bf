namespace Overwatch.Build.Inputs;

/// <summary>
/// Where a deployment lives, as absolute paths: the checkout root, exec/ (what Overwatch writes while it runs),
/// data/ (what the web app serves), templates/ and artifacts/. Resolved once from the arguments.
/// </summary>
public sealed record DeploymentLayout(string Root, string ExecDir, string DataDir, string TemplatesDir, string ArtifactsDir)
{
    public string LogsDir => Path.Combine(ExecDir, ExecLayout.Logs);
    public string ConfigDir => Path.Combine(ExecDir, ExecLayout.Config);
    public string SocketsDir => Path.Combine(ExecDir, ExecLayout.Sockets);
    public string SupervisordConf => Path.Combine(ExecDir, ExecLayout.SupervisordConf);

    public static DeploymentLayout Resolve(string root, ArgumentSet arguments)
    {
        root = Path.GetFullPath(root);
        string Resolve(ValueArgument argument) => Path.GetFullPath(arguments.GetOrDefault(argument), root);
        var dataDir = Resolve(BuildArguments.DataDir);
        return new DeploymentLayout(root, ValidateExecDir(Resolve(BuildArguments.ExecDir), dataDir), dataDir,
            Path.Combine(root, "templates"), Resolve(BuildArguments.ArtifactsDir));
    }

    /// <summary>
    /// Refuses an exec directory inside the data directory: supervisor's logs would be served by the web app.
    /// Symbolic links are followed, so a link into data/ is refused as well.
    /// </summary>
    public static string ValidateExecDir(string execDir, string dataDir)
    {
        var (exec, data) = (Path.GetFullPath(execDir), Path.GetFullPath(dataDir));
        if (Inside(exec, data))
            throw new UsageException($"--exec-dir={execDir} is inside {dataDir}, which the web app serves: logs written there would be public; use exec/ (the default)");
        if (Inside(SymbolicLinks.Resolve(exec), SymbolicLinks.Resolve(data)))
            throw new UsageException($"--exec-dir={execDir} leads through a symbolic link to {SymbolicLinks.Resolve(exec)}, inside {dataDir}, which the web app serves: logs written there would be public; remove the link or use another exec directory");
        return execDir;
    }

    private static bool Inside(string path, string directory)
    {
        var relative = Path.GetRelativePath(directory, path);
        return relative == "." || !(relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative));
    }

    /// <summary>A path as printed: relative to the root when inside it.</summary>
    public string Display(string path) => Display(path, Root);

    public static string Display(string path, string root)
    {
        var relative = Path.GetRelativePath(root, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }

    /// <summary>Creates data/ and exec/ with its folders, as the containers mount them.</summary>
    public void EnsureDataAndExec()
    {
        Directory.CreateDirectory(DataDir);
        ExecLayout.Ensure(ExecDir);
    }
}
