using NUnit.Framework;
using Overwatch.Build.Images.Plan;
using Overwatch.Build.Images.Refs;

namespace Overwatch.Build.Tests.Images.Plan;

/// <summary>The plan for one ref: references, base images, build arguments and labels per Python version.</summary>
public sealed class BuildPlannerTests
{
    [TestCase("docker.io", "rehlers", "docker.io/rehlers/overwatch")]
    [TestCase("docker.io", "", "docker.io/overwatch")]
    [TestCase("127.0.0.1:5000", "rehlers", "127.0.0.1:5000/rehlers/overwatch")]
    [TestCase("127.0.0.1:5000", "", "127.0.0.1:5000/overwatch")]
    [TestCase("ghcr.io", "org/team", "ghcr.io/org/team/overwatch")]
    public void References_are_under_registry_and_namespace(string registry, string ns, string repository)
    {
        var inputs = PlanInputs.For(GitRef.ForBranch("master", RefSource.Travis), PlanInputs.Images(registry, ns, "3.6.7"));

        var plan = BuildPlanner.Create(inputs);

        Assert.That(plan.Images.Single().References, Is.EqualTo(new[] { $"{repository}:latest-py3.6.7", $"{repository}:master-py3.6.7" }));
        Assert.That(plan.Images.Single().Base, Is.EqualTo($"{repository}-base:py3.6.7"));
        Assert.That(plan.Registry, Is.EqualTo(registry));
    }

    [Test]
    public void Each_python_version_gets_its_own_image_in_the_given_order()
    {
        var inputs = PlanInputs.For(GitRef.ForTag("v1.2.3", RefSource.GitHub), PlanInputs.Images(pythons: ["3.7.1", "2.7.15"]));

        var plan = BuildPlanner.Create(inputs);

        Assert.That(plan.Images.Select(i => i.Python.ToString()), Is.EqualTo(new[] { "3.7.1", "2.7.15" }));
        Assert.That(plan.Images.Select(i => i.Base), Is.EqualTo(new[]
        {
            "docker.io/rehlers/overwatch-base:py3.7.1", "docker.io/rehlers/overwatch-base:py2.7.15",
        }));
        Assert.That(plan.Images[1].Tags, Is.EqualTo(new[] { "1.2.3-py2.7.15", "1.2-py2.7.15" }));
        Assert.That(plan.Images[1].References, Is.EqualTo(new[]
        {
            "docker.io/rehlers/overwatch:1.2.3-py2.7.15", "docker.io/rehlers/overwatch:1.2-py2.7.15",
        }));
    }

    [Test]
    public void Branch_build_passes_the_full_commit_as_overwatch_commit()
    {
        var plan = BuildPlanner.Create(PlanInputs.For(GitRef.ForBranch("feature/x-docker", RefSource.Git)));

        Assert.That(plan.Images[1].BuildArgs, Is.EqualTo(new Dictionary<string, string>
        {
            ["BASE_IMAGE"] = "docker.io/rehlers/overwatch-base:" + PlanInputs.BaseTag("3.6.7"),
            ["OVERWATCH_COMMIT"] = PlanInputs.Revision,
            ["PYTHON_VERSION"] = "3.6.7",
        }));
        Assert.That(plan.Commit, Is.EqualTo(PlanInputs.Revision));
    }

    [TestCase("v1.2.3")]
    [TestCase("1.2")]
    [TestCase("not-a-release")]
    public void Tag_build_passes_the_tags_commit_and_the_revision_label_names_it(string tag)
    {
        var plan = BuildPlanner.Create(PlanInputs.For(GitRef.ForTag(tag, RefSource.Travis)));

        Assert.That(plan.Images.Select(i => i.BuildArgs["OVERWATCH_COMMIT"]), Is.All.EqualTo(PlanInputs.Revision));
        Assert.That(plan.Images.Select(i => i.Labels["org.opencontainers.image.revision"]), Is.All.EqualTo(PlanInputs.Revision));
    }

    [Test]
    public void Without_a_known_commit_the_commit_is_unknown()
    {
        var plan = BuildPlanner.Create(PlanInputs.For(GitRef.ForBranch("master", RefSource.Git), revision: null));

        Assert.That(plan.Commit, Is.Null);
        Assert.That(plan.Images[0].BuildArgs["OVERWATCH_COMMIT"], Is.EqualTo("unknown"));
    }

    [Test]
    public void Pull_request_build_passes_its_head_branch_and_is_not_published()
    {
        var plan = BuildPlanner.Create(PlanInputs.For(GitRef.ForPullRequest("17", "feature/#12-fix", RefSource.GitHub)));

        Assert.That(plan.Publish, Is.False);
        Assert.That(plan.Images[0].Tags, Is.EqualTo(new[] { "pr-17-py2.7.15" }));
    }

    [Test]
    public void Labels_carry_source_revision_version_and_the_injected_clock_in_utc()
    {
        var plan = BuildPlanner.Create(PlanInputs.For(GitRef.ForTag("v1.2.3", RefSource.GitHub)));

        Assert.That(plan.Images[0].Labels, Is.EqualTo(new Dictionary<string, string>
        {
            ["org.opencontainers.image.created"] = "2024-03-05T12:07:09Z",
            ["org.opencontainers.image.revision"] = PlanInputs.Revision,
            ["org.opencontainers.image.source"] = "https://github.com/raymondEhlers/OVERWATCH",
            ["org.opencontainers.image.version"] = "1.2.3",
        }));
        Assert.That(plan.Images[1].Labels, Is.EqualTo(plan.Images[0].Labels));
    }

    [Test]
    public void Unknown_revision_is_labelled_unknown()
    {
        var plan = BuildPlanner.Create(PlanInputs.For(GitRef.ForBranch("develop", RefSource.Arguments), revision: null));

        Assert.That(plan.Images[0].Labels["org.opencontainers.image.revision"], Is.EqualTo("unknown"));
    }

    [TestCase("master", true)]
    [TestCase("develop", false)]
    public void Plan_carries_the_policy_decision(string branch, bool publish)
    {
        var gitRef = GitRef.ForBranch(branch, RefSource.GitLab);

        var plan = BuildPlanner.Create(PlanInputs.For(gitRef));

        Assert.That(plan.Ref, Is.EqualTo(gitRef));
        Assert.That(plan.Publish, Is.EqualTo(publish));
        Assert.That(plan.Reason, Does.Contain(branch));
    }

    [Test]
    public void Base_image_is_built_with_only_its_python_version()
    {
        var plan = BuildPlanner.Create(PlanInputs.For(GitRef.ForBranch("master", RefSource.Git)));

        Assert.That(plan.Images[0].BaseBuildArgs, Is.EqualTo(new Dictionary<string, string> { ["PYTHON_VERSION"] = "2.7.15" }));
    }

    [TestCase("master", "master")]
    [TestCase("plots-docker", "plots-docker")]
    public void Version_label_of_a_published_branch_is_its_name_not_latest(string branch, string expected)
    {
        var plan = BuildPlanner.Create(PlanInputs.For(GitRef.ForBranch(branch, RefSource.Travis)));

        Assert.That(plan.Images[0].Labels["org.opencontainers.image.version"], Is.EqualTo(expected));
    }
}
