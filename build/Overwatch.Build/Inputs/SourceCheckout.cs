namespace Overwatch.Build.Inputs;

/// <summary>The Overwatch checkout the images are built from: --source-dir, else the build checkout.</summary>
public static class SourceCheckout
{
    // The ref and commit of the plan are those of the source that is built.
    public static string Directory(ArgumentSet arguments, DeploymentLayout layout) =>
        arguments.Get(BuildArguments.SourceDir) is { } source ? Path.GetFullPath(source, layout.Root) : layout.Root;
}
