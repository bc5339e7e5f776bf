using System.Text.RegularExpressions;
using Overwatch.Build.Images;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Images.Tags;

/// <summary>Turns a branch or tag name into a valid Docker tag ending in <c>-pyX.Y.Z</c>.</summary>
public static partial class DockerTag
{
    public const int MaxLength = 128;

    public static string Create(string stem, PythonVersion python)
    {
        var suffix = "-" + python.TagSuffix;
        var cleaned = Invalid().Replace(stem, "-").TrimStart('.', '-');
        if (cleaned.Length == 0)
            throw new UsageException($"'{stem}' leaves nothing usable in a Docker tag: use a branch or tag name with letters or digits");
        var room = MaxLength - suffix.Length;
        return (cleaned.Length > room ? cleaned[..room] : cleaned) + suffix;
    }

    [GeneratedRegex("[^A-Za-z0-9_.-]")]
    private static partial Regex Invalid();
}
