namespace Overwatch.Build.Inputs;

/// <summary>
/// The folders of an exec directory, named once: supervisor fails when logs/, config/ or sockets/ is missing.
/// Paths are relative to the exec directory.
/// </summary>
public static class ExecLayout
{
    public const string Logs = "logs";
    public const string Config = "config";
    public const string Sockets = "sockets";

    public static readonly IReadOnlyList<string> Folders = [Logs, Config, Sockets];

    public const string SupervisordConf = Config + "/supervisord.conf";

    public static void Ensure(string execDir)
    {
        foreach (var name in Folders) Directory.CreateDirectory(Path.Combine(execDir, name));
    }
}
