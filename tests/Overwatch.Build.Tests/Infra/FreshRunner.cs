using NUnit.Framework;

namespace Overwatch.Build.Tests.Infra;

/// <summary>
/// Makes the engine under test a fresh CI runner for one test's images, leaving other tests' alone: its images
/// removed, and under BuildKit the build-cache records of the steps only this test runs (their Dockerfile text holds
/// the test's token) with every record built on them, so only the registry can make those steps cached again.
/// </summary>
public static class FreshRunner
{
    public static void Forget(string repositoryPrefix, string token)
    {
        var images = Shell.Run("docker", "images", "--format", "{{.Repository}}:{{.Tag}}").StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(i => i.StartsWith(repositoryPrefix, StringComparison.Ordinal)).ToList();
        if (images.Count > 0) Shell.Run("docker", ["rmi", "--force", .. images]);
        if (!TestEngine.Current.BuildKit) return; // the legacy builder's cache is the images' own layers
        for (var round = 0; round < 10; round++)
        {
            var records = CacheRecords();
            var mine = records.Where(r => r.Description.Contains(token, StringComparison.Ordinal)).Select(r => r.Id).ToHashSet();
            for (var added = true; added;)
                added = records.Where(r => r.Parent is not null && mine.Contains(r.Parent)).Select(r => mine.Add(r.Id)).ToList().Any(a => a);
            if (mine.Count == 0) return;
            // A record others are built on is kept by a prune: the leaves first.
            foreach (var leaf in mine.Where(id => !records.Any(r => r.Parent == id && mine.Contains(r.Id))))
                Shell.Run("docker", "builder", "prune", "--all", "--force", "--filter", $"id={leaf}");
        }
        Assert.Fail($"the build cache of the steps holding {token} could not be removed");
    }

    private sealed record CacheRecord(string Id, string? Parent, string Description);

    /// <summary>The engine's build-cache records, from `docker buildx du --verbose` (blocks of "Key: value" lines).</summary>
    private static List<CacheRecord> CacheRecords()
    {
        var du = Shell.Run("docker", "buildx", "du", "--verbose");
        if (du.ExitCode != 0) Assert.Fail($"docker buildx du failed: {du}");
        return du.StandardOutput.Split("\n\n").Select(block => block.Split('\n')
                .Select(l => l.Split(':', 2)).Where(p => p.Length == 2).GroupBy(p => p[0].Trim()).ToDictionary(g => g.Key, g => g.First()[1].Trim()))
            .Where(fields => fields.ContainsKey("ID"))
            .Select(fields => new CacheRecord(fields["ID"], fields.GetValueOrDefault("Parent"), fields.GetValueOrDefault("Description") ?? ""))
            .ToList();
    }
}
