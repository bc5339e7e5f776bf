using Overwatch.Build.Images;
using Overwatch.Build.Images.Refs;

namespace Overwatch.Build.Images.Plan;

/// <summary>Everything the image targets will do, decided before anything runs.</summary>
public sealed record BuildPlan(
    GitRef Ref,
    bool Publish,
    string Reason,
    string Registry,
    ImageSpec BaseImage,
    ImageSpec AppImage,
    IReadOnlyList<ImagePlan> Images)
{
    /// <summary>The full commit the images are built from (OVERWATCH_COMMIT, the revision label); null when unknown.</summary>
    public string? Commit { get; init; }

    /// <summary>How every built app image is smoke-tested before a push (the images file's <c>smoke:</c>); null when it names none.</summary>
    public SmokeSettings? Smoke { get; init; }
}
