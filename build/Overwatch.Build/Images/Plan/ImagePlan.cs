using Overwatch.Build.Images;

namespace Overwatch.Build.Images.Plan;

/// <summary>The app image of one Python version: its base, tags, full references, build arguments and labels.</summary>
public sealed record ImagePlan(
    PythonVersion Python,
    string Base,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> References,
    IReadOnlyDictionary<string, string> BuildArgs,
    IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>The references in the order they are pushed: the ref's own tags before floating ones.</summary>
    public IReadOnlyList<string> PushOrder { get; init; } = References;

    /// <summary>The release reference that must never change once pushed, or null.</summary>
    public string? ImmutableReference { get; init; }

    /// <summary>The build arguments of the base image of this Python version.</summary>
    public IReadOnlyDictionary<string, string> BaseBuildArgs => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["PYTHON_VERSION"] = Python.ToString(),
    };
}
