namespace Overwatch.Build.Deploy.Rendering;

/// <summary>
/// Where things are, as absolute paths written into the configs. Pure: nothing here touches the disk,
/// so tests render for a fixed directory such as /opt/overwatch.
/// </summary>
public sealed record RenderSettings(string WorkingDirectory, string ExecDir)
{
    /// <summary>The exec directory as given (relative to the working directory or absolute), for output file paths.</summary>
    public string ConfigDirRelative => Path.Combine(ExecDir, "config");

    public string ExecDirAbsolute => Path.GetFullPath(ExecDir, WorkingDirectory);
    public string ConfigDir => Path.Combine(ExecDirAbsolute, "config");
    public string LogsDir => Path.Combine(ExecDirAbsolute, "logs");
    public string SocketsDir => Path.Combine(ExecDirAbsolute, "sockets");

    public string Absolute(string path) => Path.GetFullPath(path, WorkingDirectory);
}
