namespace Overwatch.Build.Containers;

/// <summary>
/// One service of a host-network stack: its own deployment root <see cref="Directory"/> (exec/, config.yaml, the
/// secrets under exec/), rendered with <see cref="Executables"/> as OVERWATCH_EXECUTABLES (null: what the YAML enables)
/// and its supervisor control port moved by <see cref="ControlPortOffset"/>, so services sharing the host do not clash.
/// </summary>
public sealed record HostService(string Name, string? Executables, string Directory, int ControlPortOffset)
{
    public string ExecDir => Path.Combine(Directory, "exec");

    public string ConfigYaml => Path.Combine(Directory, "config.yaml");
}
