using NUnit.Framework;

namespace Overwatch.Build.Tests.Ecosystem;

/// <summary>The rules the shipped GitHub workflow must keep, read from the file itself.</summary>
[TestFixture, Category("Ecosystem")]
public sealed class GitHubWorkflowTests
{
    private readonly GitHubWorkflow workflow = GitHubWorkflow.Shipped();

    [TestCase("push", "refs/heads/master", true)]
    [TestCase("push", "refs/heads/feature/x-docker", true)]
    [TestCase("push", "refs/heads/fix-docker-build", true)]
    [TestCase("push", "refs/heads/feature/new-ui", false)]
    [TestCase("push", "refs/heads/docker", false)]
    [TestCase("push", "refs/tags/v1.2.3", true)]
    [TestCase("push", "refs/tags/nightly/2024", true)]
    [TestCase("pull_request", "refs/pull/5/merge", true)]
    [TestCase("workflow_dispatch", "refs/heads/feature/new-ui", true)]
    [TestCase("schedule", "refs/heads/master", false)]
    public void Starts_ForThePublishedRefs_PullRequests_AndManualRuns(string eventName, string reference, bool starts)
    {
        Assert.That(workflow.Starts(new GitHubTrigger(reference, eventName, reference)), Is.EqualTo(starts));
    }

    [Test]
    public void Secrets_AreGivenOnlyToSteps_ThatNeverRunForPullRequests()
    {
        var withSecrets = workflow.StepsWithSecrets();

        Assert.That(withSecrets, Is.Not.Empty, "the Publish step needs DOCKER_USERNAME and DOCKER_PASSWORD");
        Assert.Multiple(() =>
        {
            foreach (var (job, step) in withSecrets)
            {
                Assert.That(GitHubWorkflow.RunsFor(step, "pull_request"), Is.False, $"{job}: '{step.Get("name").Text()}' gets secrets in pull requests");
                Assert.That(step.Get("env").Entries().Where(e => e.Value.Text()?.Contains("secrets.") == true).Select(e => e.Key), Is.SubsetOf(new[] { "DOCKER_USERNAME", "DOCKER_PASSWORD" }));
            }
            Assert.That(GitHubWorkflow.MentionsSecrets(workflow.Root.Get("env")), Is.False, "no secrets in the workflow's env");
            foreach (var (name, job) in workflow.Jobs)
            {
                Assert.That(GitHubWorkflow.MentionsSecrets(job.Get("env")), Is.False, $"no secrets in job {name}'s env");
                Assert.That(job.Get("secrets"), Is.Null, $"job {name} passes no secrets on");
            }
        });
    }

    [Test]
    public void PullRequests_NeverRunATargetThatPushes()
    {
        var runForPullRequests = workflow.Steps.Where(s => GitHubWorkflow.RunsFor(s.Step, "pull_request"))
            .Select(s => s.Step.Get("run").Text()).OfType<string>().ToList();

        Assert.That(runForPullRequests, Has.Some.Contain("--target=DockerImage"), "pull requests build the images");
        Assert.That(runForPullRequests, Has.None.Contain("--target=Publish"));
    }

    [Test]
    public void DotnetSdk_ComesFromGlobalJson()
    {
        var setups = workflow.Steps.Where(s => s.Step.Get("uses").Text()?.StartsWith("actions/setup-dotnet@") == true).ToList();

        Assert.That(setups, Has.Count.EqualTo(workflow.Jobs.Count), "every job sets up the SDK");
        Assert.Multiple(() =>
        {
            foreach (var (job, step) in setups)
            {
                Assert.That(step.Get("with").Get("global-json-file").Text(), Is.EqualTo("global.json"), job);
                Assert.That(step.Get("with").Get("dotnet-version"), Is.Null, $"{job}: the version is global.json's alone");
            }
        });
    }

    [Test]
    public void Concurrency_IsKeyedOnTheRef_AndCancelsOnlyPullRequests()
    {
        var concurrency = workflow.Root.Get("concurrency");

        Assert.Multiple(() =>
        {
            Assert.That(concurrency.Get("group").Text(), Does.Contain("${{ github.ref }}"));
            Assert.That(concurrency.Get("cancel-in-progress").Text(),
                Is.EqualTo("false").Or.EqualTo("${{ github.event_name == 'pull_request' }}"), "a running push is never cancelled");
        });
    }

    [Test]
    public void PlanAndPublishRecord_AreUploaded_AlsoWhenTheBuildFailed()
    {
        var uploads = workflow.Steps.Where(s => s.Step.Get("uses").Text()?.StartsWith("actions/upload-artifact@") == true)
            .Select(s => s.Step).ToList();
        var record = uploads.Single(u => u.Get("with").Get("path").Text()!.Contains("artifacts/publish.json"));

        Assert.Multiple(() =>
        {
            Assert.That(uploads.Select(u => u.Get("with").Get("path").Text()), Has.Some.Contain("artifacts/build-plan.json"));
            Assert.That(record.Get("if").Text(), Is.EqualTo("always()"));
            Assert.That(record.Get("with").Get("if-no-files-found").Text(), Is.EqualTo("ignore"), "publish.json is absent when nothing ran");
        });
    }
}
