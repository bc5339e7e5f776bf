using System.Security.Cryptography;
using Overwatch.Build.Deploy.Rendering;

namespace Overwatch.Build.Deploy;

/// <summary>One file the last RenderConfig wrote, with the SHA-256 of what it wrote (null in a manifest from before hashes).</summary>
public sealed record ManifestEntry(string Path, string? Sha256);

/// <summary>
/// The config files the last RenderConfig produced (never secrets) with their content hashes, kept in exec/config,
/// so a file that is no longer rendered (a removed uwsgi app, a disabled nginx site) is removed instead of lingering.
/// Anything that can write exec/ can write this list, so it is never trusted alone: see <see cref="OutputGuard"/>.
/// </summary>
public static class RenderManifest
{
    public const string FileName = ".rendered-files";

    public static string PathIn(RenderSettings settings) => Path.Combine(settings.ConfigDir, FileName);

    /// <summary>Lines are <c>SHA256  PATH</c> (as sha256sum writes them); an older line is the path alone.</summary>
    public static IReadOnlyList<ManifestEntry> Read(string path)
    {
        if (!File.Exists(path)) return [];
        var entries = new List<ManifestEntry>();
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0).Take(10_000))
        {
            var separator = line.IndexOf("  ", StringComparison.Ordinal);
            if (separator == 64 && line[..64].All(Uri.IsHexDigit)) entries.Add(new ManifestEntry(line[66..], line[..64].ToLowerInvariant()));
            else if (line.StartsWith('/')) entries.Add(new ManifestEntry(line, null));
        }
        return entries;
    }

    public static string Text(IEnumerable<(string Path, byte[] Contents)> files) =>
        string.Concat(files.OrderBy(f => f.Path, StringComparer.Ordinal).Select(f => $"{Hash(f.Contents)}  {f.Path}\n"));

    public static string Hash(byte[] contents) => Convert.ToHexStringLower(SHA256.HashData(contents));
}
