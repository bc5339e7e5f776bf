namespace Overwatch.Build.Images.Plan;

/// <summary>
/// What builds a base image besides its build arguments: the text of its Dockerfile and the files of the build
/// context that its COPY and ADD instructions take.
/// </summary>
public sealed record BaseRecipe(string Dockerfile, IReadOnlyList<RecipeFile> Files)
{
    public static readonly BaseRecipe Empty = new("", []);
}

/// <summary>
/// A context file a COPY or ADD takes, as far as it reaches the image: its path relative to the context, its kind
/// (file, symlink, or missing: the build will fail), the executable bit and a SHA-256 of the bytes (or link target).
/// </summary>
public sealed record RecipeFile(string Path, RecipeFileKind Kind, bool Executable, string Digest);

public enum RecipeFileKind
{
    File,
    Symlink,
    Missing,
}
