using NUnit.Framework;

namespace Overwatch.Build.Tests.Infra;

/// <summary>
/// Compares text with a checked-in golden file byte for byte. A mismatch writes what was rendered to NAME-actual
/// next to the golden file (compare them with any diff tool), prints a line diff and fails. With UPDATE_GOLDEN=1
/// it rewrites the golden files instead, and removes golden files nothing renders any more (never in CI).
/// </summary>
public static class Golden
{
    public const string ActualSuffix = "-actual";

    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    public static void AssertMatches(string goldenPath, string actual)
    {
        var actualPath = goldenPath + ActualSuffix;
        if (Updating)
        {
            RefuseInCi();
            Directory.CreateDirectory(Path.GetDirectoryName(goldenPath)!);
            File.WriteAllText(goldenPath, actual);
            File.Delete(actualPath);
            return;
        }
        if (File.Exists(goldenPath) && File.ReadAllText(goldenPath) == actual)
        {
            File.Delete(actualPath);
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(goldenPath)!);
        File.WriteAllText(actualPath, actual);
        if (!File.Exists(goldenPath))
            Assert.Fail($"golden file {goldenPath} is missing; {actualPath} holds what was rendered (run with UPDATE_GOLDEN=1 to accept it)");
        else
            Assert.Fail($"{goldenPath} differs; {actualPath} holds what was rendered (run with UPDATE_GOLDEN=1 to accept it):{Environment.NewLine}{Diff(File.ReadAllText(goldenPath), actual)}");
    }

    /// <summary>
    /// A directory of golden files against rendered files (paths relative to it): the same set of files, each with the
    /// same text. Updating removes the golden files that are no longer rendered.
    /// </summary>
    public static void AssertDirectory(string expectedDir, IReadOnlyList<(string Path, string Text)> rendered)
    {
        var renderedPaths = rendered.Select(f => f.Path).Order(StringComparer.Ordinal).ToList();
        var goldenPaths = GoldenFiles(expectedDir);
        if (Updating)
        {
            RefuseInCi();
            foreach (var stale in goldenPaths.Except(renderedPaths)) File.Delete(Path.Combine(expectedDir, stale));
        }
        else
        {
            Assert.That(renderedPaths, Is.EqualTo(goldenPaths), "the set of rendered files differs from the golden files");
        }
        Assert.Multiple(() =>
        {
            foreach (var (path, text) in rendered) AssertMatches(Path.Combine(expectedDir, path), text);
        });
    }

    /// <summary>A compact diff: each differing line with its number, '-' expected, '+' actual.</summary>
    public static string Diff(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var lines = new List<string>();
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var left = i < a.Length ? a[i] : null;
            var right = i < b.Length ? b[i] : null;
            if (left == right) continue;
            if (left is not null) lines.Add($"{i + 1,4} - {left}");
            if (right is not null) lines.Add($"{i + 1,4} + {right}");
        }
        return string.Join(Environment.NewLine, lines);
    }

    public static void RefuseInCi() =>
        Assert.That(RequiredProgram.InCi, Is.False, "UPDATE_GOLDEN=1 rewrites golden files; it must never be set in CI");

    private static List<string> GoldenFiles(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                .Where(p => !p.EndsWith(ActualSuffix, StringComparison.Ordinal))
                .Select(p => Path.GetRelativePath(directory, p)).Order(StringComparer.Ordinal).ToList()
            : [];
}
