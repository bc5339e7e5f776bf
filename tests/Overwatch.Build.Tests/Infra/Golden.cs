using NUnit.Framework;

namespace Overwatch.Build.Tests.Infra;

/// <summary>
/// Compares text with a checked-in golden file byte for byte, printing a line diff on mismatch.
/// With UPDATE_GOLDEN=1 it rewrites the golden file instead (review the git diff, then commit).
/// </summary>
public static class Golden
{
    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    public static void AssertMatches(string goldenPath, string actual)
    {
        if (Updating)
        {
            Assert.That(RequiredProgram.InCi, Is.False, "UPDATE_GOLDEN=1 rewrites golden files; it must never be set in CI");
            Directory.CreateDirectory(Path.GetDirectoryName(goldenPath)!);
            File.WriteAllText(goldenPath, actual);
            return;
        }
        Assert.That(File.Exists(goldenPath), Is.True, $"golden file {goldenPath} is missing; run with UPDATE_GOLDEN=1 to create it");
        var expected = File.ReadAllText(goldenPath);
        if (expected == actual) return;
        Assert.Fail($"{goldenPath} differs (run with UPDATE_GOLDEN=1 to accept):{Environment.NewLine}{Diff(expected, actual)}");
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
}
