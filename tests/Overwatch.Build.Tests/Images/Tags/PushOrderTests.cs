using NUnit.Framework;
using Overwatch.Build.Images.Refs;
using Overwatch.Build.Images.Tags;

namespace Overwatch.Build.Tests.Images.Tags;

/// <summary>
/// The order tags are pushed in (the ref's own tags before floating ones) and which release tag must
/// never move, per row of the tag policy.
/// </summary>
public sealed class PushOrderTests
{
    [TestCase("branch", "master", "master,latest", null)]
    [TestCase("branch", "deploy-docker", "deploy-docker,latest", null)]
    [TestCase("branch", "develop", "develop", null)]
    [TestCase("tag", "v1.2.3", "1.2.3,1.2", "1.2.3")]
    [TestCase("tag", "1.2.3", "1.2.3,1.2", "1.2.3")]
    [TestCase("tag", "v1.2.3-rc1", "1.2.3-rc1", "1.2.3-rc1")]
    [TestCase("tag", "1.2", "1.2", null)]
    [TestCase("tag", "nightly", "nightly", null)]
    [TestCase("pr", "42", "pr-42", null)]
    public void Own_tags_are_pushed_before_floating_ones(string type, string name, string order, string? immutable)
    {
        var gitRef = type switch
        {
            "branch" => GitRef.ForBranch(name, RefSource.Arguments),
            "tag" => GitRef.ForTag(name, RefSource.Arguments),
            _ => GitRef.ForPullRequest(name, "feature", RefSource.Arguments),
        };

        var decision = TagPolicy.Decide(gitRef);

        Assert.That(string.Join(",", decision.PushOrder), Is.EqualTo(order));
        Assert.That(decision.ImmutableStem, Is.EqualTo(immutable));
    }
}
