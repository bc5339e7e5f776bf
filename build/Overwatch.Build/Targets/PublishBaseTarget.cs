namespace Overwatch.Build.Targets;

/// <summary>PublishBase: pushes the base images, whatever the ref: their tags (pyX.Y.Z) do not depend on it.</summary>
public sealed class PublishBaseTarget(BuildContext context)
{
    public void Run() => new Publisher(context).Push(image => [new PlannedPush(image.Base, Immutable: false)], allowOverwrite: true);
}
