using NUnit.Framework;
using Overwatch.Build.Images.Plan;
using Overwatch.Build.Images.Refs;

namespace Overwatch.Build.Tests.Images.Plan;

/// <summary>The console table: the ref, the decision and every reference.</summary>
public sealed class PlanTableTests
{
    [Test]
    public void Published_plan_lists_every_reference_to_push()
    {
        var plan = BuildPlanner.Create(PlanInputs.For(GitRef.ForTag("v1.2.3", RefSource.Travis), PlanInputs.Images(pythons: ["2.7.15", "3.6.7", "3.7.1"])));

        var table = PlanTable.Render(plan);

        Assert.That(table, Does.Contain("Ref:      tag v1.2.3 (from travis)"));
        Assert.That(table, Does.Contain("Commit:   " + PlanInputs.Revision));
        Assert.That(table, Does.Contain("Publish:  yes: " + plan.Reason));
        Assert.That(table, Does.Contain("References to push:"));
        var references = plan.Images.SelectMany(i => i.References).ToList();
        Assert.That(references, Has.Count.EqualTo(6));
        Assert.That(references, Is.All.Matches<string>(r => table.Contains("  " + r + Environment.NewLine)));
    }

    [Test]
    public void Unpublished_plan_says_the_references_are_not_pushed()
    {
        var plan = BuildPlanner.Create(PlanInputs.For(GitRef.ForPullRequest("17", "feature", RefSource.GitHub)));

        var table = PlanTable.Render(plan);

        Assert.That(table, Does.Contain("Ref:      pull request #17 (from github)"));
        Assert.That(table, Does.Contain("Publish:  no: pull request #17 is never published"));
        Assert.That(table, Does.Contain("References (built, not pushed):"));
        Assert.That(table, Does.Contain("  docker.io/rehlers/overwatch:pr-17-py2.7.15"));
        Assert.That(table, Does.Contain("  docker.io/rehlers/overwatch:pr-17-py3.6.7"));
    }

    [Test]
    public void Rows_list_python_base_and_tags_in_aligned_columns()
    {
        var plan = BuildPlanner.Create(PlanInputs.For(GitRef.ForBranch("master", RefSource.Git), PlanInputs.Images("127.0.0.1:5000", "")));

        var lines = PlanTable.Render(plan).Split(Environment.NewLine);

        var header = Array.FindIndex(lines, l => l.StartsWith("Python"));
        Assert.That(lines[header + 2], Is.EqualTo($"2.7.15  127.0.0.1:5000/overwatch-base:{PlanInputs.BaseTag("2.7.15")}  latest-py2.7.15, master-py2.7.15"));
        Assert.That(lines[header + 3], Is.EqualTo($"3.6.7   127.0.0.1:5000/overwatch-base:{PlanInputs.BaseTag("3.6.7")}   latest-py3.6.7, master-py3.6.7"));
        Assert.That(lines[header].IndexOf("Base image"), Is.EqualTo(lines[header + 2].IndexOf("127.0.0.1")));
    }
}
