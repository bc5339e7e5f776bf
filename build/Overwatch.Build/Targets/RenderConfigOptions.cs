using Overwatch.Build.Inputs;

namespace Overwatch.Build.Targets;

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
    public Deploy.MountedRoot? Mounted => DeploymentRoot is { } root && Path.IsPathRooted(root)
        ? DeploymentRootGiven ? Deploy.MountedRoot.FromArgument(Path.GetFullPath(root)) : Deploy.MountedRoot.OfContainer(Path.GetFullPath(root))
        : null;

    /// <summary>Where the exec directory is mounted in the Overwatch container; the start command looks there.</summary>
    public const string ContainerRoot = Containers.AppContainer.Root;

    public static RenderConfigOptions From(BuildContext context) => new(
        context.Arguments.Get(BuildArguments.DeployConfig),
        context.Arguments.Get(BuildArguments.DeployConfigEnv),
        context.Layout.ExecDir,
        context.Layout.TemplatesDir,
        context.Layout.Root,
        context.Arguments.Get(BuildArguments.Force),
        context.Arguments.Get(BuildArguments.DeploymentRoot),
        DeploymentRootGiven: true);
}
