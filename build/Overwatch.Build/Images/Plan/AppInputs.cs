using System.Text;

namespace Overwatch.Build.Images.Plan;

/// <summary>
/// The identity of an app image build by what docker's build cache keys on: a SHA-256 over the Dockerfile, the build
/// arguments, the labels, the ID of the base image it is built on, the context files COPY and ADD take (and the
/// .dockerignore that filters them), and for an image with a source tree the planned commit, which stands for the
/// archived tree. Carried by the image as the <see cref="Label"/> label: when every planned tag already carries the
/// hash of the current inputs, DockerImage skips the build. Like docker's cache it does not see what RUN steps
/// download; what else it cannot see is <see cref="ImageRecipe.Unseen"/>, and then the image is always built.
/// </summary>
public static class AppInputs
{
    /// <summary>Named like the suite's other labels (org.overwatch-build.smoke-run).</summary>
    public const string Label = "org.overwatch-build.inputs";

    public static string Hash(ImageRecipe recipe, string? sourceCommit, IReadOnlyDictionary<string, string> buildArgs,
        IReadOnlyDictionary<string, string> labels, string baseImageId)
    {
        var text = new StringBuilder("overwatch-app-inputs 1\n");
        void Field(string name, string value) => text.Append(name).Append(' ').Append(value.Length).Append(':').Append(value).Append('\n');
        Field("dockerfile", BaseInputs.Sha256(recipe.Dockerfile.Replace("\r\n", "\n", StringComparison.Ordinal)));
        Field("dockerignore", recipe.DockerIgnore ?? "none");
        Field("base", baseImageId);
        Field("tree", sourceCommit ?? "none");
        foreach (var (name, value) in buildArgs.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            Field("arg", name);
            Field("value", value);
        }
        // The label of an earlier build is no input of this one.
        foreach (var (name, value) in labels.Where(l => l.Key != Label).OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            Field("label", name);
            Field("value", value);
        }
        foreach (var file in recipe.Files.DistinctBy(f => f.Path).OrderBy(f => f.Path, StringComparer.Ordinal))
            Field("file", $"{file.Kind} {(file.Executable ? "x" : "-")} {file.Digest} {file.Path}");
        return BaseInputs.Sha256(text.ToString());
    }
}
