namespace Overwatch.Build.Images.Plan;

/// <summary>
/// What builds an image besides its build arguments, labels and base: the text of its Dockerfile and the files of the
/// build context that its COPY and ADD instructions take (for an image with a source tree, not those under it: the
/// planned commit stands for them).
/// </summary>
public sealed record ImageRecipe(string Dockerfile, IReadOnlyList<RecipeFile> Files)
{
    public static readonly ImageRecipe Empty = new("", []);

    /// <summary>SHA-256 of the context's .dockerignore (which decides what docker sends), null when there is none.</summary>
    public string? DockerIgnore { get; init; }

    /// <summary>
    /// What a hash of this recipe cannot see (an ADD of a URL, a source naming a variable, a missing file, another
    /// image's FROM): an image of identical inputs may still differ, so an app image is then always built.
    /// </summary>
    public IReadOnlyList<string> Unseen { get; init; } = [];
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
