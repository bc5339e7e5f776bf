using System.Text.Json;
using NUnit.Framework;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Ecosystem;

/// <summary>
/// ./build.sh --target=Plan under exactly the variables each trigger of the shipped CI definitions sets
/// (the CI's own, the file's env/variables, credentials only where the file passes them) and with the
/// arguments of the build step that trigger runs: the plan publishes only where credentials are passed.
/// </summary>
[TestFixture, Category("EndToEnd"), NonParallelizable]
public sealed class ShippedTriggerPlanTests
{
    private const string Python = "3.6.7";
    private static readonly Dictionary<string, string?> StandInCredentials = new() { ["DOCKER_USERNAME"] = "ci-user", ["DOCKER_PASSWORD"] = "stand-in-password" };

    private static IEnumerable<TestCaseData> GitHubTriggers()
    {
        yield return new TestCaseData(new GitHubTrigger("push to master", "push", "refs/heads/master"), true);
        yield return new TestCaseData(new GitHubTrigger("push to a -docker branch", "push", "refs/heads/feature/x-docker"), true);
        yield return new TestCaseData(new GitHubTrigger("push of a release tag", "push", "refs/tags/v1.2.3"), true);
        yield return new TestCaseData(new GitHubTrigger("push of another tag", "push", "refs/tags/nightly-2024"), false);
        yield return new TestCaseData(new GitHubTrigger("pull request from a -docker branch", "pull_request", "refs/pull/5/merge", "fix-docker", "master"), false);
        yield return new TestCaseData(new GitHubTrigger("manual run on master", "workflow_dispatch", "refs/heads/master"), true);
        yield return new TestCaseData(new GitHubTrigger("manual run on another branch", "workflow_dispatch", "refs/heads/feature/new-ui"), false);
    }

    private static IEnumerable<TestCaseData> GitLabTriggers()
    {
        yield return new TestCaseData(new GitLabTrigger("push to master", "push", Branch: "master", Protected: true), true);
        yield return new TestCaseData(new GitLabTrigger("push to a -docker branch", "push", Branch: "feature/x-docker", Protected: true), true);
        yield return new TestCaseData(new GitLabTrigger("push of a release tag", "push", Tag: "1.2", Protected: true), true);
        yield return new TestCaseData(new GitLabTrigger("push of another tag", "push", Tag: "nightly-2024", Protected: true), false);
        yield return new TestCaseData(new GitLabTrigger("merge request from a protected -docker branch", "merge_request_event",
            MergeRequestIid: "9", SourceBranch: "fix-docker", Protected: true), false);
        yield return new TestCaseData(new GitLabTrigger("web run on master", "web", Branch: "master", Protected: true), true);
    }

    [TestCaseSource(nameof(GitHubTriggers))]
    public void GitHubWorkflow_PublishesOnlyWhereSecretsArePassed(GitHubTrigger trigger, bool publishes)
    {
        var workflow = GitHubWorkflow.Shipped();
        Assert.That(workflow.Starts(trigger), Is.True, $"the workflow does not start for {trigger}");
        var (job, step) = workflow.Steps.Single(s => s.Step.Get("run").Text()?.Contains("./build.sh --target=") == true
            && s.Job == "images" && GitHubWorkflow.RunsFor(s.Step, trigger.EventName));
        var secretsPassed = GitHubWorkflow.MentionsSecrets(step.Get("env"));
        var env = trigger.Variables();
        foreach (var scope in new[] { workflow.Root.Get("env"), workflow.Root.Get("jobs").Get(job).Get("env") })
            foreach (var (name, value) in scope.Entries()) env[name] = value.Text();
        if (secretsPassed) foreach (var (name, value) in StandInCredentials) env[name] = value;
        var command = step.Get("run").Text()!.Replace("${{ matrix.python }}", Python);

        var plan = PlanOf(command, env);

        Assert.Multiple(() =>
        {
            Assert.That(plan.GetProperty("publish").GetBoolean(), Is.EqualTo(publishes), plan.GetProperty("reason").GetString());
            if (publishes) Assert.That(secretsPassed, Is.True, $"{trigger} publishes but its step '{step.Get("name").Text()}' gets no secrets");
        });
    }

    [TestCaseSource(nameof(GitLabTriggers))]
    public void GitLabPipeline_PublishesOnlyWhereCredentialsArePassed(GitLabTrigger trigger, bool publishes)
    {
        var ci = GitLabCi.Shipped();
        var variables = trigger.Variables();
        Assert.That(ci.StartsPipeline(variables), Is.True, $"no pipeline for {trigger}");
        var (_, job) = ci.JobsFor(variables).Single();
        var script = job.Get("script").Texts();
        // Protected variables reach only protected refs, and a job can still drop them.
        var credentialsPassed = trigger.Protected && !script.Any(line => line.StartsWith("unset ") && line.Contains("DOCKER_PASSWORD"));
        var env = new Dictionary<string, string?>(variables);
        foreach (var (name, value) in ci.Root.Get("variables").Entries()) env[name] = value.Text();
        env["PYTHON_VERSION"] = Python;
        if (credentialsPassed) foreach (var (name, value) in StandInCredentials) env[name] = value;
        var command = script.Single(line => line.StartsWith("./build.sh")).Replace("$PYTHON_VERSION", Python);

        var plan = PlanOf(command, env);

        Assert.Multiple(() =>
        {
            Assert.That(plan.GetProperty("publish").GetBoolean(), Is.EqualTo(publishes), plan.GetProperty("reason").GetString());
            if (publishes) Assert.That(credentialsPassed, Is.True, $"{trigger} publishes but its job gets no credentials");
        });
    }

    /// <summary>The plan for a CI step's ./build.sh command line, with its target swapped for Plan.</summary>
    private static JsonElement PlanOf(string command, Dictionary<string, string?> env)
    {
        // What comes after ./build.sh (a step may run it through sudo).
        var arguments = command.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipWhile(token => !token.EndsWith("build.sh")).Skip(1)
            .Select(argument => argument.Replace("\"", ""))
            .Select(argument => argument.StartsWith("--target=") ? "--target=Plan" : argument).ToList();
        Assert.That(arguments, Does.Contain("--target=Plan"), $"no --target in '{command}'");
        var path = Path.Combine(RepoPaths.Root, "artifacts", "build-plan.json");
        if (File.Exists(path)) File.Delete(path);

        var result = BuildScript.Run(arguments, env);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.AllOutput, Does.Not.Contain(StandInCredentials["DOCKER_PASSWORD"]));
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();
    }
}
