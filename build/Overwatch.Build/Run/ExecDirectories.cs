namespace Overwatch.Build.Run;

/// <summary>
/// exec/ holds what Overwatch writes while it runs. Its logs/, config/ and sockets/ must exist or supervisor fails,
/// and logs must never sit under data/, which the web app serves.
/// </summary>
public static class ExecDirectories
{
    public static readonly IReadOnlyList<string> Required = ["logs", "config", "sockets"];

    public static void Ensure(string execDir)
    {
        foreach (var name in Required) Directory.CreateDirectory(Path.Combine(execDir, name));
    }
}
