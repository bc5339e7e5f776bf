using NUnit.Framework;
using Overwatch.Build.Infrastructure.Files;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Infrastructure.Files;

/// <summary>The one writer: nothing reaches a target before Commit, and no temporary stays behind.</summary>
public sealed class StagedOutputTests
{
    [Test]
    public void Without_commit_targets_are_untouched_and_temporaries_removed()
    {
        using var work = new TempDirectory();
        File.WriteAllText(work.Combine("a.conf"), "old");

        using (var output = new StagedOutput())
        {
            output.Stage(work.Combine("a.conf"), "new"u8.ToArray());
            output.Stage(work.Combine("sub", "b.conf"), "new"u8.ToArray());
        }

        Assert.That(File.ReadAllText(work.Combine("a.conf")), Is.EqualTo("old"));
        Assert.That(Directory.GetFiles(work.Path, "*.tmp", SearchOption.AllDirectories), Is.Empty);
        Assert.That(File.Exists(work.Combine("sub", "b.conf")), Is.False);
    }

    [Test]
    public void WriteFile_creates_the_directory_and_replaces_the_file_whole()
    {
        using var work = new TempDirectory();
        var path = work.Combine("artifacts", "build-plan.json");

        StagedOutput.WriteFile(path, "first");
        StagedOutput.WriteFile(path, "second");

        Assert.That(File.ReadAllText(path), Is.EqualTo("second"));
        Assert.That(Directory.GetFiles(work.Combine("artifacts")), Is.EqualTo(new[] { path }));
    }
}
