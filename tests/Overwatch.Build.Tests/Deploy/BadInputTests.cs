using NUnit.Framework;
using Overwatch.Build.Deploy;
using Overwatch.Build.Inputs;
using Overwatch.Build.Targets;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Deploy;

/// <summary>
/// Each Fixtures/Deploy/Bad/*.yaml is a mistake. Its header says what the message must contain
/// (<c># expect: TEXT</c>) and any environment (<c># env: NAME=VALUE</c>). Every run must fail with
/// a UsageException and leave the working directory exactly as it was.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class BadInputTests
{
    public static IEnumerable<TestCaseData> Cases() =>
        Directory.GetFiles(Path.Combine(DeployFixtures.Dir, "Bad"), "*.yaml").Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(Path.GetFileName(path)).SetName($"Rejects_{Path.GetFileNameWithoutExtension(path)}"));

    [TestCaseSource(nameof(Cases))]
    public void Run_fails_with_a_clear_message_and_changes_nothing(string fixture)
    {
        var text = File.ReadAllText(Path.Combine(DeployFixtures.Dir, "Bad", fixture));
        var header = text.Split('\n').TakeWhile(l => l.StartsWith('#')).ToList();
        var expected = header.Where(l => l.StartsWith("# expect: ")).Select(l => l["# expect: ".Length..].TrimEnd()).ToList();
        using var work = new TempDirectory();
        DeployFixtures.MakeExecLayout(work.Path);
        File.WriteAllText(work.Combine("exec", "config", "supervisord.conf"), "previous run\n");
        var environment = DeployFixtures.Environment(work.Path, ("config", text));
        foreach (var line in header.Where(l => l.StartsWith("# env: ")))
        {
            var (key, value) = EnvFile.Split(line["# env: ".Length..]);
            environment[key] = value;
        }
        var before = DeployFixtures.Snapshot(work.Path);
        var log = new StringWriter();

        var error = Assert.Throws<UsageException>(() => RenderConfigTarget.Render(Options(work.Path), environment, log));

        Assert.Multiple(() =>
        {
            Assert.That(expected, Is.Not.Empty, "the fixture states what the message must say");
            foreach (var part in expected) Assert.That(error!.Message, Does.Contain(part));
            Assert.That(DeployFixtures.Snapshot(work.Path), Is.EqualTo(before));
        });
    }

    public static RenderConfigOptions Options(string workingDirectory, string? path = null, string? variable = null, bool force = false) =>
        new(path, variable, "exec", RepoPaths.Templates, workingDirectory, force);
}
