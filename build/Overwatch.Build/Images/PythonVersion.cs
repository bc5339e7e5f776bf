using System.Text.RegularExpressions;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Images;

/// <summary>A full Python version X.Y.Z: the unit of the image matrix.</summary>
public sealed partial record PythonVersion(int Major, int Minor, int Patch)
{
    public static PythonVersion Parse(string text, string source)
    {
        var match = Pattern().Match(text ?? "");
        if (!match.Success)
            throw new UsageException($"invalid Python version '{text}' in {source}: expected X.Y.Z, e.g. 3.6.7");
        return new PythonVersion(int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value), int.Parse(match.Groups[3].Value));
    }

    /// <summary>The suffix every tag of this version ends with, e.g. <c>py3.6.7</c>.</summary>
    public string TagSuffix => $"py{this}";

    public override string ToString() => $"{Major}.{Minor}.{Patch}";

    [GeneratedRegex(@"^(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\z")]
    private static partial Regex Pattern();
}
