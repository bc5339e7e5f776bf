using NUnit.Framework;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.EndToEnd;

/// <summary>
/// Several ./build.sh runs started together in a checkout that has never built (no library, no script
/// cache): each must succeed, not trip over the others' library build or script compile.
/// </summary>
[TestFixture, Category("EndToEnd"), NonParallelizable]
public sealed class ConcurrentRunsTests
{
    [Test]
    public void ThreeFirstRunsStartedTogether_AllSucceed()
    {
        using var checkout = new TempDirectory("owb-fresh");
        foreach (var file in new[] { "build.sh", "build.cake", "global.json", ".config/dotnet-tools.json" })
            Copy(file, checkout.Path);
        foreach (var folder in new[] { "build", "docker", "templates" })
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, folder), "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(RepoPaths.Root, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj")) continue;
            Copy(relative, checkout.Path);
        }

        foreach (var git in new[] { new[] { "init", "-q" }, ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "-qm", "fresh"] })
            Assert.That(Shell.Run("git", ["-C", checkout.Path, .. git]).ExitCode, Is.EqualTo(0));

        var runs = Enumerable.Range(0, 3).Select(_ => Task.Run(() => Shell.Run(Path.Combine(checkout.Path, "build.sh"),
            ["--target=Plan", "--branch=master", "--python-version=3.6.7"], BuildScript.Environment(null), checkout.Path))).ToArray();
        Task.WaitAll(runs, TimeSpan.FromMinutes(5));

        foreach (var run in runs)
        {
            Assert.That(run.Result.ExitCode, Is.EqualTo(0), run.Result.ToString());
            Assert.That(run.Result.StandardOutput, Does.Contain("Plan"));
        }
        Assert.That(File.Exists(Path.Combine(checkout.Path, "artifacts", "build-plan.json")), Is.True);
    }

    private static void Copy(string relative, string to)
    {
        var target = Path.Combine(to, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(Path.Combine(RepoPaths.Root, relative), target);
        if (relative.EndsWith(".sh", StringComparison.Ordinal)) File.SetUnixFileMode(target, File.GetUnixFileMode(Path.Combine(RepoPaths.Root, relative)));
    }
}
