using System.Diagnostics;
using NUnit.Framework;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Infrastructure.Docker;

public sealed class TemporaryDockerConfigsTests
{
    [Test]
    public void Directories_of_processes_that_ended_are_removed_and_live_ones_kept()
    {
        using var temp = new TempDirectory("owb-configs");
        var ended = Process.Start("true")!;
        ended.WaitForExit();
        var orphan = Directory.CreateDirectory(temp.Combine($"overwatch-docker-config-{ended.Id}-abc")).FullName;
        File.WriteAllText(Path.Combine(orphan, "config.json"), "{\"auths\":{}}");
        var live = Directory.CreateDirectory(temp.Combine($"overwatch-docker-config-{Environment.ProcessId}-def")).FullName;
        var unrelated = Directory.CreateDirectory(temp.Combine("overwatch-docker-config-notapid")).FullName;

        var removed = TemporaryDockerConfigs.RemoveOrphans(temp.Path);

        Assert.That(removed, Is.EqualTo(1));
        Assert.That(Directory.Exists(orphan), Is.False);
        Assert.That(Directory.Exists(live), Is.True);
        Assert.That(Directory.Exists(unrelated), Is.True);
    }
}
