using System.Diagnostics;
using System.Text;
using NUnit.Framework;
using Overwatch.Build.Deploy;
using Overwatch.Build.Inputs;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Deploy;

/// <summary>
/// Deploy YAML written by an attacker (cycles, alias bombs, deep nesting, huge or binary input, unknown tags):
/// each is refused by RenderConfig with one problem line, within a time limit and an allocation ceiling,
/// and the working directory is left byte for byte as it was. Fixtures are Fixtures/Deploy/Hostile/*.yaml
/// (header <c># expect: TEXT</c> as in <see cref="BadInputTests"/>); the huge ones are generated here.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class HostileInputTests
{
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(5);
    private const long AllocationCeiling = 64L * 1024 * 1024;

    public static IEnumerable<TestCaseData> Fixtures() =>
        Directory.GetFiles(Path.Combine(DeployFixtures.Dir, "Hostile"), "*.yaml").Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(Path.GetFileName(path)).SetName($"Refuses_{Path.GetFileNameWithoutExtension(path)}"));

    [TestCaseSource(nameof(Fixtures))]
    public void A_hostile_fixture_is_refused_quickly_in_one_line_and_changes_nothing(string fixture)
    {
        var text = File.ReadAllText(Path.Combine(DeployFixtures.Dir, "Hostile", fixture));
        var expected = text.Split('\n').TakeWhile(l => l.StartsWith('#'))
            .Where(l => l.StartsWith("# expect: ")).Select(l => l["# expect: ".Length..].TrimEnd()).ToList();
        Assert.That(expected, Is.Not.Empty, "the fixture states what the message must say");

        using var work = new TempDirectory();
        var environment = DeployFixtures.Environment(work.Path, ("config", text));
        foreach (var line in text.Split('\n').TakeWhile(l => l.StartsWith('#')).Where(l => l.StartsWith("# env: ")))
        {
            var assignment = line["# env: ".Length..];
            environment[assignment[..assignment.IndexOf('=')]] = assignment[(assignment.IndexOf('=') + 1)..];
        }

        var message = Refuse(work, BadInputTests.Options(work.Path), environment);

        foreach (var part in expected) Assert.That(message, Does.Contain(part));
    }

    public static IEnumerable<TestCaseData> Generated()
    {
        yield return Case("ten_megabytes", () => Keys(10 * 1024 * 1024), "is 10,", "more than the limit of 1,048,576 (1 MiB)");
        yield return Case("forty_thousand_long_keys", () => Keys(41 * 1024 * 1024 / 40), "more than the limit of 1,048,576");
        yield return Case("flow_nesting_100000_deep", () => "executables: " + new string('[', 100_000), "(document) (line 1): the document is nested deeper than 64 levels");
        yield return Case("block_nesting_1000_deep", () => BlockNesting(1000), "the document is nested deeper than 64 levels");
        yield return Case("a_nul_character", () => "supervisor: true\nexecutables:\n    zod\0b: {}\n", "(document) (line 3): the deploy configuration is not YAML text: column 8 holds the character U+0000");
        yield return Case("an_escape_sequence", () => "supervisor: true\x1b[2J\nexecutables: {}\n", "(line 1): the deploy configuration is not YAML text: column 17 holds the character U+001B");
        yield return Case("aliases_of_a_long_text", () => $"big: &big {new string('x', 100_000)}\nlist: &list [{string.Join(",", Enumerable.Repeat("*big", 20))}]\nmore: [{string.Join(",", Enumerable.Repeat("*list", 20))}]\nexecutables: {{}}\n",
            "(document) (line 3): the aliases repeat more than 4 MiB of text");
        yield return Case("ten_thousand_aliases", () => "a: &a x\nexecutables: {}\nlist: [" + string.Join(",", Enumerable.Repeat("*a", 10_000)) + "]\n", "(line 3): more than 1000 aliases");
    }

    private static TestCaseData Case(string name, Func<string> yaml, params string[] expected) =>
        new TestCaseData(yaml, expected).SetName($"Refuses_generated_{name}");

    [TestCaseSource(nameof(Generated))]
    public void A_generated_hostile_document_is_refused_quickly_in_one_line_and_changes_nothing(Func<string> yaml, string[] expected)
    {
        var message = RefuseFromVariable(yaml());

        foreach (var part in expected) Assert.That(message, Does.Contain(part));
    }

    [Test]
    public void Random_bytes_in_the_file_are_refused_as_not_utf8_text()
    {
        using var work = new TempDirectory();
        var bytes = new byte[3000];
        new Random(11).NextBytes(bytes);
        bytes[0] = 0xC3; bytes[1] = 0x28; // an invalid UTF-8 sequence first, so the message is the same every run
        File.WriteAllBytes(work.Combine("deploy.yaml"), bytes);

        var message = Refuse(work, BadInputTests.Options(work.Path, path: "deploy.yaml"), DeployFixtures.Environment(work.Path));

        Assert.That(message, Does.Contain("(document) (line 1): the deploy configuration is not YAML text: column 1 holds bytes that are not UTF-8"));
    }

    [Test]
    public void A_file_over_the_limit_is_refused_without_reading_it_whole()
    {
        using var work = new TempDirectory();
        using (var sparse = File.Create(work.Combine("huge.yaml"))) sparse.SetLength(64L * 1024 * 1024);

        var message = Refuse(work, BadInputTests.Options(work.Path, path: "huge.yaml"), DeployFixtures.Environment(work.Path), lines: 1);

        Assert.That(message, Is.EqualTo("--deploy-config: 'huge.yaml' is larger than the limit of 1,048,576 bytes (1 MiB); a deploy configuration is a few KB, check that this is the right file"));
    }

    [Test]
    public void A_directory_given_as_the_file_is_called_a_directory()
    {
        using var work = new TempDirectory();
        Directory.CreateDirectory(work.Combine("configs"));

        var message = Refuse(work, BadInputTests.Options(work.Path, path: "configs"), DeployFixtures.Environment(work.Path), lines: 1);

        Assert.That(message, Does.StartWith("--deploy-config: 'configs' is a directory"));
    }

    private static string RefuseFromVariable(string yaml)
    {
        using var work = new TempDirectory();
        return Refuse(work, BadInputTests.Options(work.Path), DeployFixtures.Environment(work.Path, ("config", yaml)));
    }

    /// <summary>Runs RenderConfig, which must refuse; checks time, allocations, one problem line and an untouched directory.</summary>
    private static string Refuse(TempDirectory work, RenderConfigOptions options, Dictionary<string, string?> environment, int lines = 2)
    {
        DeployFixtures.MakeExecLayout(work.Path);
        File.WriteAllText(work.Combine("exec", "config", "supervisord.conf"), "; Generated by the RenderConfig target (a previous run)\n");
        var before = DeployFixtures.Snapshot(work.Path);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<UsageException>(() => DeployPipeline.Render(options, environment, TextWriter.Null))!;

        var elapsed = clock.Elapsed;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.Multiple(() =>
        {
            Assert.That(elapsed, Is.LessThan(TimeLimit), "refused within the time limit");
            Assert.That(allocated, Is.LessThan(AllocationCeiling), "refused within the allocation ceiling");
            Assert.That(error.Message.Split('\n'), Has.Length.EqualTo(lines), $"one problem line: {error.Message}");
            Assert.That(DeployFixtures.Snapshot(work.Path), Is.EqualTo(before));
        });
        return error.Message;
    }

    private static string Keys(int bytes)
    {
        var text = new StringBuilder("executables:\n    processing:\n        enabled: true\n        additionalOptions:\n");
        for (var i = 0; text.Length < bytes; i++) text.Append("            key").Append(i).Append(": value\n");
        return text.ToString();
    }

    private static string BlockNesting(int depth)
    {
        var text = new StringBuilder();
        for (var i = 0; i < depth; i++) text.Append(' ', i).Append("k:\n");
        return text.ToString();
    }
}
