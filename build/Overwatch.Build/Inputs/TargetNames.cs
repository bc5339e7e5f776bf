namespace Overwatch.Build.Inputs;

/// <summary>The Cake target names, shared by build.cake, the argument declarations and the build context.</summary>
public static class TargetNames
{
    public const string Plan = "Plan";
    public const string DockerBase = "DockerBase";
    public const string PublishBase = "PublishBase";
    public const string DockerImage = "DockerImage";
    public const string SmokeTest = "SmokeTest";
    public const string Push = "Push";
    public const string Publish = "Publish";
    public const string RenderConfig = "RenderConfig";
    public const string Shell = "Shell";
    public const string Compose = "Compose";
    public const string SupervisorUpdate = "SupervisorUpdate";
    public const string Default = "Default";

    /// <summary>Every target build.cake declares, in its order (a test compares them).</summary>
    public static readonly IReadOnlyList<string> All = [Plan, DockerBase, PublishBase, DockerImage, SmokeTest, Push, Publish, RenderConfig, Shell, Compose, SupervisorUpdate, Default];

    /// <summary>
    /// Targets that use the build plan. The plan is computed on first use whatever this says; Setup computes it
    /// up front for these so it is printed (also under --dryrun) and missing credentials stop the run before any build.
    /// </summary>
    public static readonly IReadOnlyList<string> UsingPlan = [Plan, DockerBase, PublishBase, DockerImage, SmokeTest, Push, Publish, Shell, Compose];

}
