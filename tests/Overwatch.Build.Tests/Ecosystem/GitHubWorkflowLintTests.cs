using NUnit.Framework;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Ecosystem;

/// <summary>The shipped workflow passes actionlint, and actionlint as run here does reject broken copies of it.</summary>
[TestFixture, Category("Ecosystem")]
public sealed class GitHubWorkflowLintTests
{
    [Test]
    public void ShippedWorkflow_HasNoFindings()
    {
        var result = Actionlint.Lint(GitHubWorkflow.ShippedPath);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
            Assert.That(result.StandardOutput, Is.Empty);
        });
    }

    [TestCase("  workflow_dispatch:", "  workflow_dispatched:", "events", TestName = "UnknownEvent_IsAFinding")]
    [TestCase("concurrency:", "concurency:", "syntax-check", TestName = "UnknownKey_IsAFinding")]
    [TestCase("fromJSON(needs.plan.outputs.python-versions)", "fromJSON(needs.plan.outputs.python-versions", "expression", TestName = "BrokenExpression_IsAFinding")]
    [TestCase("    needs: plan", "    needs: plans", "job-needs", TestName = "UnknownNeededJob_IsAFinding")]
    public void BrokenCopy(string shipped, string broken, string kind)
    {
        using var dir = new TempDirectory("owb-actionlint");
        var text = File.ReadAllText(GitHubWorkflow.ShippedPath);
        Assert.That(text, Does.Contain(shipped), "the shipped workflow changed: update this case");
        var copy = dir.Combine("images.yml");
        File.WriteAllText(copy, text.Replace(shipped, broken));

        var result = Actionlint.Lint(copy);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.StandardOutput, Does.Contain($"[{kind}]"));
            Assert.That(result.StandardOutput, Does.StartWith(copy + ":"));
        });
    }
}
