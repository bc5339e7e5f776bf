using System.Text.Json;
using NUnit.Framework;
using Overwatch.Build.Tests.Infra;
using Overwatch.Build.Tests.Images.Refs;

namespace Overwatch.Build.Tests.EndToEnd;

/// <summary>./build.sh --target=Plan under each recorded CI environment: one row of the tag policy each.</summary>
[TestFixture, Category("EndToEnd"), NonParallelizable]
public sealed class PlanTargetTests
{
    [TestCase("travis_push_master", "branch", "master", "travis", true, "latest-py3.6.7,master-py3.6.7")]
    [TestCase("gitlab_branch", "branch", "master", "gitlab", true, "latest-py3.6.7,master-py3.6.7")]
    [TestCase("travis_push_docker_branch", "branch", "feature/x-docker", "travis", true, "latest-py3.6.7,feature-x-docker-py3.6.7")]
    [TestCase("gitlab_tag", "tag", "1.2", "gitlab", true, "1.2-py3.6.7")]
    [TestCase("travis_tag", "tag", "v1.2.3", "travis", true, "1.2.3-py3.6.7,1.2-py3.6.7")]
    [TestCase("github_tag", "tag", "v1.2.3-rc1", "github", true, "1.2.3-rc1-py3.6.7")]
    [TestCase("travis_pull_request", "pull_request", "42", "travis", false, "pr-42-py3.6.7")]
    [TestCase("github_pull_request", "pull_request", "17", "github", false, "pr-17-py3.6.7")]
    [TestCase("gitlab_merge_request", "pull_request", "9", "gitlab", false, "pr-9-py3.6.7")]
    [TestCase("github_push_branch", "branch", "feature/new-ui", "github", false, "feature-new-ui-py3.6.7")]
    public void RecordedCiEnvironment_GivesThePolicyRow(string fixture, string type, string name, string source, bool publish, string tags)
    {
        var plan = Plan(CiEnvironment.Load(fixture));

        AssertPlan(plan, type, name, source, publish, tags);
    }

    [Test]
    public void OtherTagGivenAsArgument_IsBuiltButNotPublished()
    {
        var plan = Plan(CiEnvironment.Load("travis_push_master"), "--tag=nightly-2024");

        AssertPlan(plan, "tag", "nightly-2024", "arguments", false, "nightly-2024-py3.6.7");
        Assert.That(plan.GetProperty("reason").GetString(), Does.Contain("not a release tag"));
    }

    private static JsonElement Plan(Dictionary<string, string?> env, params string[] extra)
    {
        using var artifacts = new TempDirectory("owb-artifacts");
        var path = artifacts.Combine("build-plan.json");
        var result = BuildScript.Run(["--target=Plan", "--python-version=3.6.7", $"--artifacts-dir={artifacts.Path}", .. extra], env);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();
    }

    private static void AssertPlan(JsonElement plan, string type, string name, string source, bool publish, string tags)
    {
        Assert.Multiple(() =>
        {
            Assert.That(plan.GetProperty("ref").GetProperty("type").GetString(), Is.EqualTo(type));
            Assert.That(plan.GetProperty("ref").GetProperty("name").GetString(), Is.EqualTo(name));
            Assert.That(plan.GetProperty("ref").GetProperty("source").GetString(), Is.EqualTo(source));
            Assert.That(plan.GetProperty("publish").GetBoolean(), Is.EqualTo(publish));
            Assert.That(plan.GetProperty("images")[0].GetProperty("tags").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(tags.Split(',')));
        });
    }
}
