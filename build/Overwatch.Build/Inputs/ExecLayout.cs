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

    /// <summary>Written by Compose (unless --compose-file says otherwise).</summary>
    public const string ComposeFile = "docker-compose.yml";

    /// <summary>The routing nginx-proxy does, for a host nginx; written by Compose with --virtual-host.</summary>
    public const string ProxySite = Config + "/nginx-proxy-site.conf";

    public static void Ensure(string execDir)
    {
        foreach (var name in Folders) Directory.CreateDirectory(Path.Combine(execDir, name));
    }
}
