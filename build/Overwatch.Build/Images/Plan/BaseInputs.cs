using System.Security.Cryptography;
using System.Text;

namespace Overwatch.Build.Images.Plan;

/// <summary>
/// The identity of a base image by what builds it: a SHA-256 over the Dockerfile (line endings normalised, as docker
/// reads both alike), the build arguments DockerBase passes, and every context file a COPY or ADD takes (path, kind,
/// executable bit, contents). Labels are not inputs: they describe the build (commit, time), and a ROOT rebuild per
/// commit is what this avoids. Not covered, because only a build can see them: the upstream image a FROM tag names
/// today and what RUN steps download.
/// </summary>
public static class BaseInputs
{
    /// <summary>Hex digits of the hash in the tag: 48 bits, collision-free for any realistic number of bases.</summary>
    public const int TagLength = 12;

    public static string Hash(ImageRecipe recipe, IReadOnlyDictionary<string, string> buildArgs)
    {
        var text = new StringBuilder("overwatch-base-inputs 1\n");
        void Field(string name, string value) => text.Append(name).Append(' ').Append(value.Length).Append(':').Append(value).Append('\n');
        Field("dockerfile", Sha256(recipe.Dockerfile.Replace("\r\n", "\n", StringComparison.Ordinal)));
        // Sorting the names, not the pairs: LINQ's sort of KeyValuePair structs is JIT-compiled on every run that plans.
        foreach (var name in buildArgs.Keys.Order(StringComparer.Ordinal))
        {
            Field("arg", name);
            Field("value", buildArgs[name]);
        }
        foreach (var file in recipe.Files.DistinctBy(f => f.Path).OrderBy(f => f.Path, StringComparer.Ordinal))
            Field("file", $"{file.Kind} {(file.Executable ? "x" : "-")} {file.Digest} {file.Path}");
        return Sha256(text.ToString())[..TagLength];
    }

    /// <summary>The tag of the base image of these inputs, e.g. <c>py3.6.7-0123456789ab</c>.</summary>
    public static string Tag(PythonVersion python, string hash) => $"{python.TagSuffix}-{hash}";

    public static string Sha256(string text) => Sha256(Encoding.UTF8.GetBytes(text));

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
