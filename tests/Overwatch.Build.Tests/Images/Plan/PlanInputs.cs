using Overwatch.Build.Images.Plan;
using Overwatch.Build.Images.Refs;
using Overwatch.Build.Images;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Tests.Images.Plan;

/// <summary>Inputs for the planner built by value: the checked-in defaults, a fixed clock and commit.</summary>
public static class PlanInputs
{
    public const string Revision = "0123456789abcdef0123456789abcdef01234567";
    public static readonly DateTimeOffset Now = new(2024, 3, 5, 14, 7, 9, TimeSpan.FromHours(2));

    public static ImagesConfig Images(string registry = "docker.io", string ns = "rehlers", params string[] pythons) => new(
        registry,
        ns,
        "https://github.com/raymondEhlers/OVERWATCH",
        (pythons.Length == 0 ? ["2.7.15", "3.6.7"] : pythons).Select(p => PythonVersion.Parse(p, "test")).ToList(),
        new ImageSpec("overwatch-base", "/src/docker/Dockerfile.build", "/src/docker"),
        new ImageSpec("overwatch", "/src/docker/Dockerfile", "/src/docker"));

    /// <summary>The tag of the base of the default (empty) recipe for this version: pyX.Y.Z-HASH.</summary>
    public static string BaseTag(string python) =>
        BaseInputs.Tag(PythonVersion.Parse(python, "test"), BaseInputs.Hash(ImageRecipe.Empty, new Dictionary<string, string> { ["PYTHON_VERSION"] = python }));

    public static ImageInputs For(GitRef gitRef, ImagesConfig? images = null, string? revision = Revision) =>
        new(images ?? Images(), new BuildSource(gitRef, revision), null, Now);
}
