using System.Text.Json;
using NUnit.Framework;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Ecosystem;

/// <summary>The rules the shipped .gitlab-ci.yml must keep: the same as the GitHub workflow's.</summary>
[TestFixture, Category("Ecosystem")]
public sealed class GitLabCiTests
{
    private readonly GitLabCi ci = GitLabCi.Shipped();

    private static readonly GitLabTrigger MergeRequest = new("merge request", "merge_request_event", MergeRequestIid: "9", SourceBranch: "fix-docker");

    private static IEnumerable<TestCaseData> Pipelines()
    {
        yield return new TestCaseData(new GitLabTrigger("push to master", "push", Branch: "master"), true);
        yield return new TestCaseData(new GitLabTrigger("push to a -docker branch", "push", Branch: "feature/x-docker"), true);
        yield return new TestCaseData(new GitLabTrigger("push of a tag", "push", Tag: "v1.2.3"), true);
        yield return new TestCaseData(MergeRequest, true);
        yield return new TestCaseData(new GitLabTrigger("run from the web UI", "web", Branch: "feature/new-ui"), true);
        yield return new TestCaseData(new GitLabTrigger("push to another branch", "push", Branch: "feature/new-ui"), false);
        yield return new TestCaseData(new GitLabTrigger("push to a branch named docker", "push", Branch: "docker"), false);
        yield return new TestCaseData(new GitLabTrigger("schedule on another branch", "schedule", Branch: "feature/new-ui"), false);
    }

    [TestCaseSource(nameof(Pipelines))]
    public void Pipeline_StartsForThePublishedRefs_MergeRequests_AndManualRuns(GitLabTrigger trigger, bool starts)
    {
        Assert.That(ci.StartsPipeline(trigger.Variables()), Is.EqualTo(starts));
    }

    [Test]
    public void MergeRequest_BuildsWithoutCredentials_AndPushesNothing()
    {
        var jobs = ci.JobsFor(MergeRequest.Variables());

        Assert.That(jobs, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var (name, job) in jobs)
            {
                var script = job.Get("script").Texts();
                Assert.That(script, Has.None.Contain("--target=Publish"), name);
                Assert.That(script, Has.Some.Contain("--target=DockerImage"), name);
                var unset = script.ToList().FindIndex(line => line.StartsWith("unset ") && line.Contains("DOCKER_USERNAME") && line.Contains("DOCKER_PASSWORD"));
                var build = script.ToList().FindIndex(line => line.StartsWith("./build.sh"));
                Assert.That(unset, Is.GreaterThanOrEqualTo(0).And.LessThan(build), $"{name}: credentials unset before ./build.sh");
            }
        });
    }

    [TestCase("master", null)]
    [TestCase(null, "1.2")]
    public void PublishingRefs_RunPublish_OneJobPerRefAtATime(string? branch, string? tag)
    {
        var jobs = ci.JobsFor(new GitLabTrigger("push", "push", Branch: branch, Tag: tag, Protected: true).Variables());
        var publish = jobs.Single(j => j.Job.Get("script").Texts().Any(line => line.Contains("--target=Publish")));

        Assert.Multiple(() =>
        {
            Assert.That(publish.Job.Get("script").Texts(), Has.None.StartWith("unset "));
            Assert.That(publish.Job.Get("interruptible").Text(), Is.EqualTo("false"));
            Assert.That(publish.Job.Get("resource_group").Text(), Does.Contain("$CI_COMMIT_REF_SLUG"));
        });
    }

    [Test]
    public void Matrix_IsTheImagesFilesPythonVersions()
    {
        var images = YamlTree.Load(Path.Combine(RepoPaths.Root, "docker", "images.yaml"));

        Assert.Multiple(() =>
        {
            foreach (var (name, job) in ci.Jobs)
            {
                var matrix = job.Get("parallel").Get("matrix").Items().Single();
                Assert.That(matrix.Get("PYTHON_VERSION").Texts(), Is.EqualTo(images.Get("pythonVersions").Texts()), name);
                Assert.That(job.Get("script").Texts(), Has.Some.Contain("--python-version=\"$PYTHON_VERSION\""), name);
            }
        });
    }

    [Test]
    public void SdkImage_IsGlobalJsonsSdkLine()
    {
        using var globalJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "global.json")));
        var sdk = globalJson.RootElement.GetProperty("sdk").GetProperty("version").GetString()!;
        var line = string.Join('.', sdk.Split('.').Take(2));

        Assert.Multiple(() =>
        {
            foreach (var (name, job) in ci.Jobs)
                Assert.That(job.Get("image").Text(), Is.EqualTo($"mcr.microsoft.com/dotnet/sdk:{line}"), name);
        });
    }

    [Test]
    public void PlanAndPublishRecord_AreArtifacts_AlsoWhenTheJobFailed()
    {
        Assert.Multiple(() =>
        {
            foreach (var (name, job) in ci.Jobs)
            {
                Assert.That(job.Get("artifacts").Get("paths").Texts(), Is.SupersetOf(new[] { "artifacts/build-plan.json", "artifacts/publish.json" }), name);
                Assert.That(job.Get("artifacts").Get("when").Text(), Is.EqualTo("always"), name);
            }
        });
    }
}
