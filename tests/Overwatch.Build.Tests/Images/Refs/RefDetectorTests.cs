using NUnit.Framework;
using Overwatch.Build.Inputs;
using Overwatch.Build.Images.Refs;

namespace Overwatch.Build.Tests.Images.Refs;

/// <summary>Ref detection from recorded CI environments, explicit arguments and a (fake) local checkout.</summary>
public sealed class RefDetectorTests
{
    private static readonly FakeLocalGit LocalCheckout = new(branch: "local-branch", head: "9999999999999999999999999999999999999999");

    [TestCase("travis_push_master", RefType.Branch, "master", RefSource.Travis, "1f0e2d3c4b5a69788796a5b4c3d2e1f00112233a", "master")]
    [TestCase("travis_push_docker_branch", RefType.Branch, "feature/x-docker", RefSource.Travis, "2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a", "feature/x-docker")]
    [TestCase("travis_tag", RefType.Tag, "v1.2.3", RefSource.Travis, "3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b", "v1.2.3")]
    [TestCase("travis_pull_request", RefType.PullRequest, "42", RefSource.Travis, "5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d", "feature/login")]
    [TestCase("github_push_branch", RefType.Branch, "feature/new-ui", RefSource.GitHub, "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1", "feature/new-ui")]
    [TestCase("github_tag", RefType.Tag, "v1.2.3-rc1", RefSource.GitHub, "b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2", "v1.2.3-rc1")]
    [TestCase("github_pull_request", RefType.PullRequest, "17", RefSource.GitHub, "c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3", "feature/#12-fix")]
    [TestCase("gitlab_branch", RefType.Branch, "master", RefSource.GitLab, "d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4", "master")]
    [TestCase("gitlab_tag", RefType.Tag, "1.2", RefSource.GitLab, "e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5", "1.2")]
    [TestCase("gitlab_merge_request", RefType.PullRequest, "9", RefSource.GitLab, "f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6", "fix-docker")]
    public void Recorded_ci_environment_gives_ref_revision_and_branch_or_tag(
        string fixture, RefType type, string name, RefSource source, string revision, string branchOrTag)
    {
        var env = CiEnvironment.Of(fixture);

        var detected = RefDetector.Detect(null, null, env, LocalCheckout);

        Assert.Multiple(() =>
        {
            Assert.That(detected.Ref.Type, Is.EqualTo(type));
            Assert.That(detected.Ref.Name, Is.EqualTo(name));
            Assert.That(detected.Ref.Source, Is.EqualTo(source));
            Assert.That(detected.Revision, Is.EqualTo(revision));
            Assert.That(detected.Ref.Branch ?? detected.Ref.Name, Is.EqualTo(branchOrTag));
        });
    }

    [TestCase("travis_pull_request")]
    [TestCase("github_pull_request")]
    [TestCase("gitlab_merge_request")]
    [TestCase("travis_tag")]
    [TestCase("github_tag")]
    [TestCase(null)]
    public void Explicit_branch_argument_wins_over_every_ci(string? fixture)
    {
        var env = fixture is null ? CiEnvironment.None : CiEnvironment.Of(fixture);

        var detected = RefDetector.Detect("release-docker", null, env, LocalCheckout);

        Assert.That(detected.Ref, Is.EqualTo(GitRef.ForBranch("release-docker", RefSource.Arguments)));
    }

    [TestCase("travis_push_master")]
    [TestCase("github_push_branch")]
    [TestCase("gitlab_branch")]
    public void Explicit_tag_argument_wins_over_every_ci(string fixture)
    {
        var detected = RefDetector.Detect(null, " v2.0.1 ", CiEnvironment.Of(fixture), LocalCheckout);

        Assert.That(detected.Ref, Is.EqualTo(GitRef.ForTag("v2.0.1", RefSource.Arguments)));
    }

    [Test]
    public void Branch_and_tag_arguments_together_are_a_usage_error()
    {
        var error = Assert.Throws<UsageException>(() => RefDetector.Detect("master", "1.2.3", CiEnvironment.None, LocalCheckout));

        Assert.That(error!.Message, Does.Contain("--branch").And.Contain("--tag"));
    }

    [TestCase("", null, "--branch")]
    [TestCase(null, "  ", "--tag")]
    public void Empty_argument_value_is_a_usage_error(string? branch, string? tag, string argument)
    {
        var error = Assert.Throws<UsageException>(() => RefDetector.Detect(branch, tag, CiEnvironment.None, LocalCheckout));

        Assert.That(error!.Message, Does.Contain(argument).And.Contain("needs a value"));
    }

    [TestCase(new[] { "gitlab_branch", "github_push_branch", "travis_tag" }, RefSource.Travis, "v1.2.3", "3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b")]
    [TestCase(new[] { "travis_pull_request", "github_tag" }, RefSource.Travis, "42", "5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d")]
    [TestCase(new[] { "gitlab_tag", "github_push_branch" }, RefSource.GitHub, "feature/new-ui", "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1")]
    [TestCase(new[] { "gitlab_merge_request" }, RefSource.GitLab, "9", "f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6")]
    public void First_ci_in_priority_order_wins_and_gives_the_revision(string[] fixtures, RefSource source, string name, string revision)
    {
        var detected = RefDetector.Detect(null, null, CiEnvironment.Of(fixtures), LocalCheckout);

        Assert.Multiple(() =>
        {
            Assert.That(detected.Ref.Source, Is.EqualTo(source));
            Assert.That(detected.Ref.Name, Is.EqualTo(name));
            Assert.That(detected.Revision, Is.EqualTo(revision));
        });
    }

    [Test]
    public void Ci_variables_without_the_ci_flag_are_ignored()
    {
        var env = CiEnvironment.Of("travis_tag");
        var withoutFlag = new EnvironmentVariables(env.All.Where(v => v.Key != "TRAVIS").ToDictionary(v => v.Key, v => v.Value));

        var detected = RefDetector.Detect(null, null, withoutFlag, LocalCheckout);

        Assert.That(detected.Ref, Is.EqualTo(GitRef.ForBranch("local-branch", RefSource.Git)));
        Assert.That(detected.Revision, Is.EqualTo("9999999999999999999999999999999999999999"));
    }

    [Test]
    public void No_ci_uses_the_local_branch_and_head_revision()
    {
        var detected = RefDetector.Detect(null, null, CiEnvironment.None, LocalCheckout);

        Assert.That(detected.Ref, Is.EqualTo(GitRef.ForBranch("local-branch", RefSource.Git)));
        Assert.That(detected.Revision, Is.EqualTo("9999999999999999999999999999999999999999"));
    }

    [Test]
    public void Detached_head_with_a_tag_is_a_tag_build()
    {
        var git = new FakeLocalGit(branch: null, tags: ["v1.2.3"]);

        var detected = RefDetector.Detect(null, null, CiEnvironment.None, git);

        Assert.That(detected.Ref, Is.EqualTo(GitRef.ForTag("v1.2.3", RefSource.Git)));
    }

    [Test]
    public void Detached_head_without_a_tag_is_a_usage_error()
    {
        var git = new FakeLocalGit(branch: null, tags: []);

        var error = Assert.Throws<UsageException>(() => RefDetector.Detect(null, null, CiEnvironment.None, git));

        Assert.That(error!.Message, Does.Contain("detached").And.Contain("--branch=NAME").And.Contain("--tag=NAME"));
    }

    [TestCase("TRAVIS", "TRAVIS_BRANCH")]
    [TestCase("GITLAB_CI", "CI_COMMIT_BRANCH")]
    public void Ci_flag_without_a_ref_is_a_usage_error(string flag, string missing)
    {
        var env = new EnvironmentVariables(new Dictionary<string, string?> { [flag] = "true", ["CI"] = "true" });

        var error = Assert.Throws<UsageException>(() => RefDetector.Detect(null, null, env, LocalCheckout));

        Assert.That(error!.Message, Does.Contain(missing).And.Contain("pass --branch or --tag"));
    }

    [Test]
    public void Github_ref_that_is_neither_branch_nor_tag_is_a_usage_error()
    {
        var env = new EnvironmentVariables(new Dictionary<string, string?>
        {
            ["GITHUB_ACTIONS"] = "true", ["GITHUB_EVENT_NAME"] = "push", ["GITHUB_REF"] = "refs/remotes/origin/x",
        });

        var error = Assert.Throws<UsageException>(() => RefDetector.Detect(null, null, env, LocalCheckout));

        Assert.That(error!.Message, Does.Contain("refs/remotes/origin/x").And.Contain("pass --branch or --tag"));
    }

    [TestCase(new[] { "v1.2.3-rc1", "v1.2.3" }, "v1.2.3")]
    [TestCase(new[] { "v1.9.0", "v1.10.0" }, "v1.10.0")]
    [TestCase(new[] { "nightly", "v2.0.0-beta.1" }, "v2.0.0-beta.1")]
    [TestCase(new[] { "zeta", "alpha" }, "zeta")]
    public void Several_tags_at_a_detached_head_pick_the_highest_release(string[] tags, string expected)
    {
        var detected = RefDetector.Detect(null, null, CiEnvironment.None, new FakeLocalGit(branch: null, tags: tags));

        Assert.That(detected.Ref, Is.EqualTo(GitRef.ForTag(expected, RefSource.Git)));
    }
}
