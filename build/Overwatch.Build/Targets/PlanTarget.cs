using Overwatch.Build.Images.Plan;
using Overwatch.Build.Infrastructure.Files;

namespace Overwatch.Build.Targets;

/// <summary>Plan: the plan is printed when it is made; this writes it as JSON for CI steps.</summary>
public sealed class PlanTarget(BuildContext context)
{
    public const string FileName = "build-plan.json";

    public void Run()
    {
        var path = Path.Combine(context.Layout.ArtifactsDir, FileName);
        StagedOutput.WriteFile(path, BuildPlanJson.Serialize(context.Plan));
        context.Log($"Wrote {context.Layout.Display(path)}");
    }
}
