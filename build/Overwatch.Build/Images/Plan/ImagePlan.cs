using Overwatch.Build.Images;

namespace Overwatch.Build.Images.Plan;

/// <summary>
/// The app image of one Python version: its base, tags, full references, build arguments and labels.
/// <see cref="Base"/> is the base's floating tag (pyX.Y.Z, what users pull); <see cref="CurrentBase"/> also names
/// the hash of its inputs (pyX.Y.Z-HASH), the base the app image is built on when it exists.
/// </summary>
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

    /// <summary>The base image of the current inputs (Dockerfile, build arguments, copied files): pyX.Y.Z-HASH.</summary>
    public string CurrentBase { get; init; } = Base;

    /// <summary>The hash of the base image's inputs, the suffix of <see cref="CurrentBase"/>'s tag.</summary>
    public string BaseInputs { get; init; } = "";

    /// <summary>The build arguments of the base image of this Python version.</summary>
    public IReadOnlyDictionary<string, string> BaseBuildArgs => BaseBuildArgsOf(Python);

    public static IReadOnlyDictionary<string, string> BaseBuildArgsOf(PythonVersion python) => new SortedList<string, string>(StringComparer.Ordinal)
    {
        ["PYTHON_VERSION"] = python.ToString(),
    };
}
