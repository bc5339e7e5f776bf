using Overwatch.Build.Deploy.Rendering;

namespace Overwatch.Build.Deploy;

/// <summary>
/// The list of config files the last RenderConfig produced (never secrets), kept in exec/config, so a file
/// that is no longer rendered (a removed uwsgi app, a disabled nginx site) is removed instead of lingering.
/// </summary>
public static class RenderManifest
{
    public const string FileName = ".rendered-files";

    public static string PathIn(RenderSettings settings) => Path.Combine(settings.ConfigDir, FileName);

    public static IReadOnlyList<string> Read(string path) =>
        File.Exists(path) ? File.ReadAllLines(path).Where(l => l.Length > 0).ToList() : [];

    public static string Text(IEnumerable<string> paths) => string.Concat(paths.Order(StringComparer.Ordinal).Select(p => p + "\n"));

    /// <summary>Files the previous run wrote that this run does not, and that still exist.</summary>
    public static IReadOnlyList<string> Stale(IEnumerable<string> previous, IEnumerable<string> current) =>
        previous.Except(current, StringComparer.Ordinal).Where(File.Exists).ToList();
}
