using Overwatch.Build.Images.Publish;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Targets;

/// <summary>
/// PublishBase: pushes the base images (pyX.Y.Z-HASH, then pyX.Y.Z), whatever the ref: their tags do not depend on
/// it. A base whose inputs the registry already holds is not pushed again.
/// </summary>
public sealed class PublishBaseTarget(BuildContext context)
{
    public void Run()
    {
        var session = context.Images;
        var bases = new BaseImages(context.Plan, context.Docker, session.Login, context.Log);
        new Publisher(context.Plan, context.Docker, session.Login, session.Record, session.Settled, session.Matrix(LaneLoad.Io), context.Log).Push(image =>
        {
            if (!bases.InRegistry(image.CurrentBase)) return [new PlannedPush(image.CurrentBase, Immutable: false), new PlannedPush(image.Base, Immutable: false)];
            context.Log($"Base image {image.CurrentBase} is already in the registry: not pushed.");
            return [];
        }, allowOverwrite: true);
    }
}
