using NUnit.Framework;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Infrastructure.Processes;

namespace Overwatch.Build.Tests.Infrastructure.Docker;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class RegistryOperationTests
{
    private readonly List<TimeSpan> waits = [];
    private readonly List<string> lines = [];

    private RegistryOperation Operation(int retries = 3) =>
        new(new RetryPolicy(retries, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30)), waits.Add, () => 0.5, lines.Add);

    private static ProcessResult Failed(string line) => new(1, ["The push refers to repository [r/x]", line], "");
    private static readonly ProcessResult Ok = new(0, ["digest: sha256:abc size: 524"], "");

    [Test]
    public void Transient_failures_are_retried_until_the_push_succeeds()
    {
        var answers = new Queue<ProcessResult>([Failed("received unexpected HTTP status: 500 Internal Server Error"),
            Failed("toomanyrequests: slow down"), Failed("invalid checksum digest format"), Ok]);

        var outcome = Operation().Run("push of r/x:1", answers.Dequeue);

        Assert.That(outcome.Succeeded, Is.True);
        Assert.That(waits, Has.Count.EqualTo(3));
        Assert.That(lines[0], Is.EqualTo("push of r/x:1: registry answered 500 (server error); retry 1 of 3 in 1.5 s"));
    }

    [Test]
    public void A_permanent_failure_is_not_retried()
    {
        var attempts = 0;

        var outcome = Operation().Run("push of r/x:1", () => { attempts++; return Failed("denied: requested access to the resource is denied"); });

        Assert.That(outcome.Succeeded, Is.False);
        Assert.That(attempts, Is.EqualTo(1));
        Assert.That(waits, Is.Empty);
        Assert.That(outcome.Summary, Is.EqualTo("registry denied access (403 denied)"));
    }

    [Test]
    public void A_persistent_transient_failure_says_how_often_and_how_long()
    {
        var outcome = Operation().Run("push of r/x:1", () => Failed("received unexpected HTTP status: 503 Service Unavailable"));

        Assert.That(outcome.Succeeded, Is.False);
        Assert.That(outcome.Failures, Has.Count.EqualTo(4), "the first try and 3 retries");
        Assert.That(outcome.Summary, Does.Match(@"^registry answered 503 \(server error\) 4 times over \d+ s$"));
    }

    [Test]
    public void A_stalled_command_is_retried_as_transient()
    {
        var answers = new Queue<ProcessResult>([new ProcessResult(-1, ["a: Preparing"], "") { Stalled = true }, Ok]);

        var outcome = Operation().Run("push of r/x:1", answers.Dequeue);

        Assert.That(outcome.Succeeded, Is.True);
        Assert.That(lines.Single(), Does.Contain("no progress for 30 s (stalled)"));
    }

    [Test]
    public void A_rate_limit_waits_for_the_registrys_retry_after()
    {
        var answers = new Queue<ProcessResult>([Failed("toomanyrequests: slow down"), Ok]);

        Operation().Run("pull of r/x:1", answers.Dequeue, () => TimeSpan.FromSeconds(20));

        Assert.That(waits.Single(), Is.EqualTo(TimeSpan.FromSeconds(20)));
    }
}
