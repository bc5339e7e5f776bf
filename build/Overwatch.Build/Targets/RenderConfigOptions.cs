namespace Overwatch.Build.Targets;

/// <summary>The RenderConfig target's arguments.</summary>
public sealed record RenderConfigOptions(
    string? DeployConfigPath,      // --deploy-config
    string? DeployConfigEnv,       // --deploy-config-env (null = not given; default variable name is "config")
    string ExecDir,                // --exec-dir, default "exec"
    string TemplatesDir,           // repo templates/
    string WorkingDirectory,       // repo root; relative paths resolve against it
    bool Force)                    // --force
{
    public const string DefaultConfigVariable = "config";
    public const string DefaultExecDir = "exec";
}
