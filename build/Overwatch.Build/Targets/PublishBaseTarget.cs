namespace Overwatch.Build.Targets;

/// <summary>
/// PublishBase: pushes the base images (pyX.Y.Z-HASH, then pyX.Y.Z), whatever the ref: their tags do not depend on
/// it. A base whose inputs the registry already holds is not pushed again.
/// </summary>
public sealed class PublishBaseTarget(BuildContext context)
{
    public void Run()
    {
        var bases = new BaseImages(context);
        var pushes = new List<(string, bool)>();
        foreach (var image in context.Plan.Images)
        {
            if (bases.InRegistry(image.CurrentBase)) context.Log($"Base image {image.CurrentBase} is already in the registry: not pushed.");
            else pushes.AddRange([(image.CurrentBase, false), (image.Base, false)]);
        }
        if (pushes.Count > 0) context.Images.Push(pushes, allowOverwrite: true);
    }
}
