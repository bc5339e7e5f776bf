using Overwatch.Build.Inputs;

namespace Overwatch.Build.Targets;

/// <summary>The RenderConfig target's inputs; relative paths resolve against <see cref="WorkingDirectory"/>.</summary>
public sealed record RenderConfigOptions(
    string? DeployConfigPath,
    string? DeployConfigEnv,
    string ExecDir,
    string TemplatesDir,
    string WorkingDirectory,
    bool Force)
{
    public static RenderConfigOptions From(BuildContext context) => new(
        context.Arguments.Get(BuildArguments.DeployConfig),
        context.Arguments.Get(BuildArguments.DeployConfigEnv),
        context.Layout.ExecDir,
        context.Layout.TemplatesDir,
        context.Layout.Root,
        context.Arguments.Get(BuildArguments.Force));
}
