using NUnit.Framework;
using Overwatch.Build.Images;
using Overwatch.Build.Images.Refs;
using Overwatch.Build.Images.Tags;

namespace Overwatch.Build.Tests.Images.Tags;

/// <summary>The policy table, one row per ref: the exact tags for Python 3.6.7 and whether they are pushed.</summary>
public sealed class TagPolicyTests
{
    private static readonly PythonVersion Python = new(3, 6, 7);

    // Branches: master and '-docker' branches are published as latest; every other branch is built only.
    [TestCase("master", "latest-py3.6.7,master-py3.6.7", true)]
    [TestCase("deploy-docker", "latest-py3.6.7,deploy-docker-py3.6.7", true)]
    [TestCase("fix-docker-build", "latest-py3.6.7,fix-docker-build-py3.6.7", true)]
    [TestCase("feature/x-docker", "latest-py3.6.7,feature-x-docker-py3.6.7", true)]
    [TestCase("develop", "develop-py3.6.7", false)]
    [TestCase("main", "main-py3.6.7", false)]
    [TestCase("docker", "docker-py3.6.7", false)]
    [TestCase("master2", "master2-py3.6.7", false)]
    [TestCase("feature/new-ui", "feature-new-ui-py3.6.7", false)]
    [TestCase("feature/#12-fix", "feature--12-fix-py3.6.7", false)]
    [TestCase("user@host:branch", "user-host-branch-py3.6.7", false)]
    [TestCase(".hidden", "hidden-py3.6.7", false)]
    [TestCase("-dash", "dash-py3.6.7", false)]
    [TestCase("#42", "42-py3.6.7", false)]
    [TestCase("under_score.dot", "under_score.dot-py3.6.7", false)]
    public void Branch_gets_exact_tags_and_publish_flag(string branch, string expectedTags, bool expectedPublish) =>
        AssertRow(GitRef.ForBranch(branch, RefSource.Arguments), expectedTags, expectedPublish);

    // Tags: X.Y, X.Y.Z (with or without v) and vX.Y.Z-PRE are releases; everything else is built only.
    [TestCase("1.2", "1.2-py3.6.7", true)]
    [TestCase("v1.2", "1.2-py3.6.7", true)]
    [TestCase("0.10", "0.10-py3.6.7", true)]
    [TestCase("1.2.3", "1.2.3-py3.6.7,1.2-py3.6.7", true)]
    [TestCase("v1.2.3", "1.2.3-py3.6.7,1.2-py3.6.7", true)]
    [TestCase("v10.20.30", "10.20.30-py3.6.7,10.20-py3.6.7", true)]
    [TestCase("v1.2.3-rc1", "1.2.3-rc1-py3.6.7", true)]
    [TestCase("1.2.3-beta.2", "1.2.3-beta.2-py3.6.7", true)]
    [TestCase("v2.0.0-alpha-1", "2.0.0-alpha-1-py3.6.7", true)]
    [TestCase("foo", "foo-py3.6.7", false)]
    [TestCase("1.2.3.4", "1.2.3.4-py3.6.7", false)]
    [TestCase("v1", "v1-py3.6.7", false)]
    [TestCase("1", "1-py3.6.7", false)]
    [TestCase("release-1.2", "release-1.2-py3.6.7", false)]
    [TestCase("V1.2.3", "V1.2.3-py3.6.7", false)]
    [TestCase("01.2.3", "01.2.3-py3.6.7", false)]
    [TestCase("1.2.3-", "1.2.3--py3.6.7", false)]
    [TestCase("1.2.3+build5", "1.2.3-build5-py3.6.7", false)]
    [TestCase("releases/1.2.3", "releases-1.2.3-py3.6.7", false)]
    public void Tag_gets_exact_tags_and_publish_flag(string tag, string expectedTags, bool expectedPublish) =>
        AssertRow(GitRef.ForTag(tag, RefSource.Arguments), expectedTags, expectedPublish);

    [TestCase("1", "pr-1-py3.6.7")]
    [TestCase("1234", "pr-1234-py3.6.7")]
    public void Pull_request_is_built_as_pr_N_and_never_published(string number, string expectedTags) =>
        AssertRow(GitRef.ForPullRequest(number, "feature/x", RefSource.GitHub), expectedTags, false);

    [Test]
    public void Pull_request_from_master_or_a_docker_branch_is_still_not_published()
    {
        var decisions = new[] { "master", "deploy-docker" }
            .Select(head => TagPolicy.Decide(GitRef.ForPullRequest("7", head, RefSource.Travis)))
            .ToList();

        Assert.That(decisions.Select(d => d.Publish), Is.All.False);
        Assert.That(decisions.Select(d => TagPolicy.TagsFor(d, Python)), Is.All.EqualTo(new[] { "pr-7-py3.6.7" }));
    }

    [Test]
    public void Pre_release_is_never_tagged_X_Y()
    {
        var decision = TagPolicy.Decide(GitRef.ForTag("v1.2.3-rc1", RefSource.Git));

        Assert.That(decision.Stems, Does.Not.Contain("1.2"));
        Assert.That(decision.Reason, Does.Contain("never as 1.2"));
    }

    [Test]
    public void Tags_follow_the_python_version_given()
    {
        var decision = TagPolicy.Decide(GitRef.ForTag("v1.2.3", RefSource.Git));

        var tags = TagPolicy.TagsFor(decision, new PythonVersion(2, 7, 15));

        Assert.That(tags, Is.EqualTo(new[] { "1.2.3-py2.7.15", "1.2-py2.7.15" }));
    }

    private static void AssertRow(GitRef gitRef, string expectedTags, bool expectedPublish)
    {
        var decision = TagPolicy.Decide(gitRef);

        var tags = TagPolicy.TagsFor(decision, Python);

        Assert.Multiple(() =>
        {
            Assert.That(tags, Is.EqualTo(expectedTags.Split(',')));
            Assert.That(decision.Publish, Is.EqualTo(expectedPublish));
            Assert.That(decision.Reason, Does.Contain(gitRef.Name));
        });
    }
}
