using Overwatch.Build.Deploy;
using Overwatch.Build.Infrastructure.Files;

namespace Overwatch.Build.Targets;

/// <summary>RenderConfig: renders the deploy YAML's configs and secrets into the exec directory (<see cref="DeployPipeline"/>).</summary>
public sealed class RenderConfigTarget(BuildContext context)
{
    public void Run()
    {
        using var writer = new LogWriter(context.Log);
        DeployPipeline.Render(RenderConfigOptions.From(context.Arguments, context.Layout), context.Environment.All, writer);
    }
}
