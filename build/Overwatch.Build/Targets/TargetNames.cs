namespace Overwatch.Build.Targets;

/// <summary>The Cake target names, shared by build.cake and the library's decisions about them.</summary>
public static class TargetNames
{
    public const string Plan = "Plan";
    public const string DockerBase = "DockerBase";
    public const string DockerImage = "DockerImage";
    public const string Publish = "Publish";
    public const string PublishBase = "PublishBase";
    public const string Default = "Default";
    public const string RenderConfig = "RenderConfig";
    public const string Shell = "Shell";
    public const string SupervisorUpdate = "SupervisorUpdate";
    public const string Compose = "Compose";

    /// <summary>Targets that need the build plan (ref, matrix, references) computed in Setup.</summary>
    public static readonly IReadOnlyList<string> ImageTargets = [Plan, DockerBase, PublishBase, DockerImage, Publish, Shell, Compose];
}
