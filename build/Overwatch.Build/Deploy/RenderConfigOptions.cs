using Overwatch.Build.Inputs;

namespace Overwatch.Build.Deploy;

/// <summary>The RenderConfig target's inputs; relative paths resolve against <see cref="WorkingDirectory"/>.</summary>
public sealed record RenderConfigOptions(
    string? DeployConfigPath,
    string? DeployConfigEnv,
    string ExecDir,
    string TemplatesDir,
    string WorkingDirectory,
    bool Force,
    string? DeploymentRoot = null, // --deployment-root: the root as the programs see it (/opt/overwatch in a container)
    int ControlPortOffset = 0, // Compose --network=host: services on one host need their own supervisor control ports
    bool DeploymentRootGiven = false) // the user passed --deployment-root, so messages may name it
{
    /// <summary>The deployment root the programs see, named as the user knows it; null when they see this machine's.</summary>
    public MountedRoot? Mounted => DeploymentRoot is { } root && Path.IsPathRooted(root)
        ? DeploymentRootGiven ? MountedRoot.FromArgument(Path.GetFullPath(root)) : MountedRoot.OfContainer(Path.GetFullPath(root))
        : null;

    /// <summary>Where the exec directory is mounted in the Overwatch container; the start command looks there.</summary>
    public const string ContainerRoot = AppImageRoot.Path;

    /// <summary>RenderConfig's own: the deploy YAML, --force and --deployment-root as given, the layout's directories.</summary>
    public static RenderConfigOptions From(ArgumentSet arguments, DeploymentLayout layout) => new(
        arguments.Get(BuildArguments.DeployConfig),
        arguments.Get(BuildArguments.DeployConfigEnv),
        layout.ExecDir,
        layout.TemplatesDir,
        layout.Root,
        arguments.Get(BuildArguments.Force),
        arguments.Get(BuildArguments.DeploymentRoot),
        DeploymentRootGiven: true);
}
