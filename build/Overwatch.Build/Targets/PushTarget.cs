using Overwatch.Build.Images.Publish;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Targets;

/// <summary>
/// Push, the step of Publish that pushes every planned reference; its criteria skip it when the tag policy
/// does not publish the ref (Cake refuses a skipped target, so Publish itself only depends on it).
/// </summary>
public sealed class PushTarget(BuildContext context)
{
    public const string SkippedBecause = "the tag policy does not publish this ref";

    /// <summary>The Push task's criteria (so --dryrun shows the decision); when false it says why in one line.</summary>
    public static bool IsDue(BuildContext context)
    {
        if (context.Plan.Publish) return true;
        context.Log($"Not publishing: {context.Plan.Reason}.");
        foreach (var image in context.Plan.Images)
            context.Images.Record.Settle(image.Python, ReferenceStatus.Skipped, context.Plan.Reason);
        return false;
    }

    /// <summary>Each version's own tags before its floating ones; release tags only when new or unchanged.</summary>
    public void Run()
    {
        var session = context.Images;
        new Publisher(context.Plan, context.Docker, session.Login, session.Record, session.Settled, session.Matrix(LaneLoad.Io), context.Log).Push(
            image => image.PushOrder.Select(r => new PlannedPush(r, r == image.ImmutableReference)).ToList(),
            context.Arguments.Get(BuildArguments.AllowOverwrite));
        if (session.Smoke.AnySkipped) context.Log($"Warning: the pushed images were not smoke-tested (--skip-smoke-test; smoke-tested: {session.Smoke.Summary}).");
    }
}
