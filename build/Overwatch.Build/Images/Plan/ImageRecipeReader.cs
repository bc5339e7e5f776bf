using System.Text;

namespace Overwatch.Build.Images.Plan;

/// <summary>
/// Reads an image's recipe: its Dockerfile and the context files its COPY and ADD sources match (a directory with
/// everything under it; * and ? within one path segment, as docker matches), leaving out the image's source tree
/// (filled from git archive of the planned commit, which stands for it). .dockerignore is not applied: an ignored
/// file among the sources changes the hash without changing the image, a rebuild too many and never a stale image.
/// </summary>
public static class ImageRecipeReader
{
    public static ImageRecipe Read(ImageSpec image)
    {
        if (!File.Exists(image.Dockerfile))
            return new ImageRecipe("", [new RecipeFile(image.Dockerfile, RecipeFileKind.Missing, false, "")]) { Unseen = [$"a missing Dockerfile ({image.Dockerfile})"] };
        var text = File.ReadAllText(image.Dockerfile, Encoding.UTF8);
        var context = Path.GetFullPath(image.Context);
        var tree = image.SourceTree?.Replace('\\', '/').Trim('/');
        bool Outside(string relative) => tree is null || (relative != tree && !relative.StartsWith(tree + "/", StringComparison.Ordinal));
        var files = new List<RecipeFile>();
        foreach (var source in DockerfileCopies.Sources(text))
        {
            if (source == DockerfileCopies.WholeContext) files.AddRange(Under(context, context).Where(f => Outside(f.Path)));
            else if (source.IndexOfAny(['*', '?']) >= 0)
                files.AddRange(Entries(context, context).Where(e => Matches(source, Relative(context, e))).SelectMany(e => Under(context, e)).Where(f => Outside(f.Path)));
            else if (Outside(source))
            {
                var path = Path.GetFullPath(source, context);
                var found = Under(context, path).ToList();
                files.AddRange(found.Count > 0 ? found : [new RecipeFile(source, RecipeFileKind.Missing, false, "")]);
            }
        }
        var ignore = Path.Combine(context, ".dockerignore");
        return new ImageRecipe(text, files)
        {
            DockerIgnore = File.Exists(ignore) ? BaseInputs.Sha256(File.ReadAllBytes(ignore)) : null,
            Unseen = DockerfileCopies.Unseen(text)
                .Concat(files.Where(f => f.Kind == RecipeFileKind.Missing).Select(f => $"a COPY or ADD source that is missing ({f.Path})")).Distinct().ToList(),
        };
    }

    /// <summary>A file, or every file under a directory (symlinks not followed); nothing outside the context.</summary>
    private static IEnumerable<RecipeFile> Under(string context, string path)
    {
        if (!IsInside(context, path)) yield break;
        var info = new FileInfo(path);
        if (info.LinkTarget is { } target)
        {
            yield return new RecipeFile(Relative(context, path), RecipeFileKind.Symlink, false, BaseInputs.Sha256(target));
            yield break;
        }
        if (info.Exists)
        {
            var executable = !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;
            yield return new RecipeFile(Relative(context, path), RecipeFileKind.File, executable, BaseInputs.Sha256(File.ReadAllBytes(path)));
            yield break;
        }
        if (!Directory.Exists(path)) yield break;
        foreach (var entry in Directory.EnumerateFileSystemEntries(path).Order(StringComparer.Ordinal))
            foreach (var file in Under(context, entry))
                yield return file;
    }

    private static IEnumerable<string> Entries(string context, string directory)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal))
        {
            yield return entry;
            if (Directory.Exists(entry) && new DirectoryInfo(entry).LinkTarget is null)
                foreach (var inner in Entries(context, entry))
                    yield return inner;
        }
    }

    /// <summary>Segment by segment: * and ? never cross a /.</summary>
    internal static bool Matches(string pattern, string path)
    {
        var patternParts = pattern.Split('/');
        var pathParts = path.Split('/');
        return patternParts.Length == pathParts.Length && patternParts.Zip(pathParts).All(p => Segment(p.First, p.Second));
    }

    private static bool Segment(string pattern, string name)
    {
        if (pattern.Length == 0) return name.Length == 0;
        return pattern[0] switch
        {
            '*' => Enumerable.Range(0, name.Length + 1).Any(skip => Segment(pattern[1..], name[skip..])),
            '?' => name.Length > 0 && Segment(pattern[1..], name[1..]),
            _ => name.Length > 0 && pattern[0] == name[0] && Segment(pattern[1..], name[1..]),
        };
    }

    private static bool IsInside(string context, string path) =>
        path == context || path.StartsWith(context.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string Relative(string context, string path) => Path.GetRelativePath(context, path).Replace('\\', '/');
}
