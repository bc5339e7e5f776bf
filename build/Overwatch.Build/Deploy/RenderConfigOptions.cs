namespace Overwatch.Build.Deploy;

/// <summary>The RenderConfig target's arguments.</summary>
public sealed record RenderConfigOptions(
    string? DeployConfigPath,      // --deploy-config
    string? DeployConfigEnv,       // --deploy-config-env (null = not given; default variable name is "config")
    string ExecDir,                // --exec-dir, default "exec"
    string TemplatesDir,           // repo templates/
    string WorkingDirectory,       // repo root; relative paths resolve against it
    bool Force,                    // --force
    string? DeploymentRoot = null) // --deployment-root: the root as the programs see it (/opt/overwatch in a container)
{
    public const string DefaultConfigVariable = "config";
    public const string DefaultExecDir = "exec";

    /// <summary>Where the exec directory is mounted in the Overwatch container; the start command looks there.</summary>
    public const string ContainerRoot = "/opt/overwatch";
}
