using Overwatch.Build.Images.Plan;
using Overwatch.Build.Containers;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Targets;

/// <summary>Shell: opens a shell (or runs --command) in the app image of one Python version (<see cref="ShellSession"/>).</summary>
public sealed class ShellTarget(BuildContext context)
{
    public void Run()
    {
        var planned = context.Images.ImageToRun();
        var image = planned.References[0];
        var sourceDir = context.Arguments.Get(BuildArguments.SourceDir) is { } source ? Path.GetFullPath(source, context.Layout.Root) : null;
        new ShellSession(context.Docker, context.Layout, context.Environment).Run(image, sourceDir, context.Arguments.Get(BuildArguments.Command),
            NamedImage.MissingLine(image, context.Images.Named is not null, planned));
    }
}
