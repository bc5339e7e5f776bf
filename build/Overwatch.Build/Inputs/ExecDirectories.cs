namespace Overwatch.Build.Inputs;

/// <summary>
/// exec/ holds what Overwatch writes while it runs. Its logs/, config/ and sockets/ must exist or supervisor fails,
/// and logs must never sit under data/, which the web app serves.
/// </summary>
public static class ExecDirectories
{
    public static readonly IReadOnlyList<string> Required = ["logs", "config", "sockets"];

    /// <summary>Refuses an exec directory inside the data directory: supervisor's logs would be served by the web app.</summary>
    public static string Validate(string execDir, string dataDir)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(dataDir), Path.GetFullPath(execDir));
        if (relative == "." || !(relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)))
            throw new Inputs.UsageException($"--exec-dir={execDir} is inside {dataDir}, which the web app serves: logs written there would be public; use exec/ (the default)");
        return execDir;
    }

    public static void Ensure(string execDir)
    {
        foreach (var name in Required) Directory.CreateDirectory(Path.Combine(execDir, name));
    }
}
