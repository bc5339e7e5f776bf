using System.Text.RegularExpressions;
using NUnit.Framework;
using Overwatch.Build.Inputs;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Inputs;

/// <summary>The README documents exactly the declared arguments and build.cake declares exactly the known targets.</summary>
public sealed class ArgumentTableTests
{
    private const string Begin = "<!-- arguments: generated";
    private const string End = "<!-- arguments:end -->";

    [Test]
    public void Readme_argument_table_is_the_generated_one()
    {
        var readme = Path.Combine(RepoPaths.Root, "README.md");
        var text = File.ReadAllText(readme);
        var begin = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        Assert.That(begin >= 0 && end > begin, Is.True, $"README.md lacks the markers '{Begin}' ... '{End}' around the argument table");

        var tableStart = text.IndexOf('\n', begin) + 1;
        var actual = text[tableStart..end];
        var expected = ArgumentTable.Markdown();
        if (actual == expected) return;
        if (Golden.Updating)
        {
            Assert.That(RequiredProgram.InCi, Is.False, "UPDATE_GOLDEN=1 rewrites README.md; it must never be set in CI");
            File.WriteAllText(readme, text[..tableStart] + expected + text[end..]);
            return;
        }
        Assert.Fail($"README.md's argument table differs from BuildArguments (run with UPDATE_GOLDEN=1 to regenerate it):{Environment.NewLine}{Golden.Diff(actual, expected)}");
    }

    [Test]
    public void Build_cake_declares_every_target_and_no_other()
    {
        var script = File.ReadAllText(Path.Combine(RepoPaths.Root, "build.cake"));

        var declared = Regex.Matches(script, @"^Task\(TargetNames\.(\w+)\)", RegexOptions.Multiline).Select(m => m.Groups[1].Value);

        Assert.That(declared, Is.EqualTo(TargetNames.All));
    }
}
