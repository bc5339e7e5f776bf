namespace Overwatch.Build.Deploy.Rendering;

/// <summary>
/// Where things are, as absolute paths written into the configs. Pure: nothing here touches the disk,
/// so tests render for a fixed directory such as /opt/overwatch.
/// </summary>
/// <param name="WorkingDirectory">The deployment root as the programs see it (the directory that holds exec/).</param>
/// <param name="ExecDir">The exec directory, relative to the deployment root or absolute.</param>
public sealed record RenderSettings(string WorkingDirectory, string ExecDir)
{
    /// <summary>
    /// Where the files are written when the programs see them elsewhere (rendered here for a container that
    /// mounts them at WorkingDirectory): the host's deployment root and exec directory. Null: where they are seen.
    /// </summary>
    public (string Root, string ExecDir)? Output { get; init; }

    /// <summary>
    /// The home directory of the user the programs run as, when known (rendered on the machine that runs them: HOME).
    /// Null when rendered for a container: credentials are then named to the programs explicitly.
    /// </summary>
    public string? ProgramsHome { get; init; }

    /// <summary>Where <c>~</c> of a secret's writeLocation lands when rendered for a container: inside the mounted exec directory.</summary>
    public const string ContainerHomeFolder = "home";

    public string ContainerHome => Path.Combine(ExecDirAbsolute, ContainerHomeFolder);

    /// <summary>The exec directory as given (relative to the working directory or absolute), for output file paths.</summary>
    public string ConfigDirRelative => Path.Combine(ExecDir, "config");

    public string ExecDirAbsolute => Path.GetFullPath(ExecDir, WorkingDirectory);
    public string ConfigDir => Path.Combine(ExecDirAbsolute, "config");
    public string LogsDir => Path.Combine(ExecDirAbsolute, "logs");
    public string SocketsDir => Path.Combine(ExecDirAbsolute, "sockets");

    /// <summary>nginx's pid and temporary files: under the exec directory, so any user running supervisord can write them.</summary>
    public string NginxTempDir => Path.Combine(ExecDirAbsolute, "nginx-temp");

    public string Absolute(string path) => Path.GetFullPath(path, WorkingDirectory);

    /// <summary>Where a rendered path is written: itself, or its place under <see cref="Output"/>; null when outside the deployment root.</summary>
    public string? OutputPath(string path)
    {
        var absolute = Absolute(path);
        if (Output is not { } output) return absolute;
        if (Under(absolute, ExecDirAbsolute) is { } inExec) return Path.Join(output.ExecDir, inExec);
        if (Under(absolute, Path.GetFullPath(WorkingDirectory)) is { } inRoot) return Path.Join(output.Root, inRoot);
        return null;
    }

    private static string? Under(string path, string directory)
    {
        if (path == directory) return "";
        var prefix = directory.EndsWith('/') ? directory : directory + "/";
        return path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : null;
    }
}
