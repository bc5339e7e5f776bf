namespace Overwatch.Build.Inputs;

/// <summary>Paths as the kernel sees them. Reads the file system (links only), writes nothing.</summary>
public static class SymbolicLinks
{
    /// <summary>Follows every symbolic link in an absolute path, as the kernel would; parts that do not exist are kept as written.</summary>
    public static string Resolve(string path)
    {
        var pending = new Stack<string>(path.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        var current = "/";
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".") continue;
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? "/";
                continue;
            }
            var next = Path.Combine(current, part);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }
            if (++links > 40) throw new IOException($"too many symbolic links under {next}");
            foreach (var linked in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse()) pending.Push(linked);
            if (target.StartsWith('/')) current = "/";
        }
        return current;
    }
}
