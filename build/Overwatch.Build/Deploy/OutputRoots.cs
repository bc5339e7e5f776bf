using Overwatch.Build.Inputs;

namespace Overwatch.Build.Deploy;

/// <summary>A directory RenderConfig may write into, with the name a message gives it.</summary>
public sealed record OutputRoot(string Name, string Path);

/// <summary>
/// Which root a path belongs to, and whether it stays inside that root once symbolic links are followed.
/// Reads the file system (links only), writes nothing.
/// </summary>
public static class OutputRoots
{
    /// <summary>The most specific root lexically containing <paramref name="path"/> (absolute, normalised), or null.</summary>
    public static OutputRoot? Owner(string path, IEnumerable<OutputRoot> roots) =>
        roots.Where(r => IsInside(path, r.Path)).OrderByDescending(r => r.Path.Length).FirstOrDefault();

    public static bool IsInside(string path, string root)
    {
        var trimmed = root.Length > 1 ? root.TrimEnd('/') : root;
        return path == trimmed || path.StartsWith(trimmed == "/" ? "/" : trimmed + "/", StringComparison.Ordinal);
    }

    /// <summary>
    /// Null when <paramref name="path"/> resolved stays in <paramref name="root"/> resolved; otherwise where it leads.
    /// </summary>
    public static string? Escapes(string path, OutputRoot root)
    {
        var resolved = SymbolicLinks.Resolve(path);
        return IsInside(resolved, SymbolicLinks.Resolve(root.Path)) ? null : resolved;
    }
}
