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

    /// <summary>Refuses an exec directory inside the data directory: supervisor's logs would be served by the web app.</summary>
    public static string ValidateExecDir(string execDir, string dataDir)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(dataDir), Path.GetFullPath(execDir));
        if (relative == "." || !(relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)))
            throw new UsageException($"--exec-dir={execDir} is inside {dataDir}, which the web app serves: logs written there would be public; use exec/ (the default)");
        return execDir;
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
