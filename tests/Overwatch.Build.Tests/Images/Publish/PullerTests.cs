using System.Collections.Concurrent;
using NUnit.Framework;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Infrastructure.Processes;
using Overwatch.Build.Images.Publish;

namespace Overwatch.Build.Tests.Images.Publish;

/// <summary>The pulls of a run's lanes: one pull per reference, one login attempt, whatever the number of lanes asking.</summary>
public sealed class PullerTests
{
    [Test]
    public void Lanes_asking_for_the_same_reference_share_one_pull()
    {
        var runner = new CountingRunner(refuse: false);
        var puller = new Puller(new DockerCli(runner, _ => { }), () => throw new AssertionException("no login needed"), _ => { });

        var outcomes = LaneRunner.Run(Enumerable.Range(1, 4).Select(i => new LaneWork($"py3.6.{i}", () =>
        {
            Assert.That(puller.Pull("r/ns/overwatch-base:shared").Succeeded, Is.True);
            Assert.That(puller.Pull($"r/ns/overwatch:latest-py3.6.{i}").Succeeded, Is.True);
        })).ToList(), parallel: 4);

        Assert.That(outcomes.Select(o => o.State), Is.All.EqualTo(LaneState.Succeeded));
        Assert.That(runner.Pulls.GroupBy(p => p).Select(g => (g.Key, g.Count())), Is.EquivalentTo(
            new[] { ("r/ns/overwatch-base:shared", 1) }.Concat(Enumerable.Range(1, 4).Select(i => ($"r/ns/overwatch:latest-py3.6.{i}", 1)))));
    }

    [Test]
    public void Refused_pulls_in_several_lanes_try_one_login()
    {
        var runner = new CountingRunner(refuse: true);
        var logins = 0;
        var puller = new Puller(new DockerCli(runner, _ => { }), () =>
        {
            Interlocked.Increment(ref logins);
            return null;
        }, _ => { });

        LaneRunner.Run(Enumerable.Range(1, 3).Select(i => new LaneWork($"l{i}", () => puller.Pull($"r/x:{i}"))).ToList(), parallel: 3);

        Assert.That(logins, Is.EqualTo(1));
        Assert.That(puller.Anonymous, Is.True, "refused without credentials");
    }

    [Test]
    public void A_pull_started_ahead_is_waited_for_by_the_lane_that_needs_it_not_repeated()
    {
        var runner = new CountingRunner(refuse: false);
        var lines = new ConcurrentBag<string>();
        using var puller = new Puller(new DockerCli(runner, _ => { }), () => null, LaneLog.Wrap(lines.Add));

        puller.Ahead([("py3.6.7", "r/ns/overwatch-base:py3.6.7-0123"), ("py3.6.7", "r/ns/overwatch:latest-py3.6.7"), ("py2.7.15", "r/ns/overwatch:latest-py2.7.15")]);
        var outcomes = LaneRunner.Run([new LaneWork("py3.6.7", () => Assert.That(puller.Pull("r/ns/overwatch-base:py3.6.7-0123").Succeeded, Is.True))], parallel: 1);

        Assert.That(outcomes.Single().State, Is.EqualTo(LaneState.Succeeded));
        puller.Dispose();
        Assert.That(runner.Pulls, Is.EquivalentTo(new[] { "r/ns/overwatch-base:py3.6.7-0123", "r/ns/overwatch:latest-py3.6.7", "r/ns/overwatch:latest-py2.7.15" }));
        Assert.That(runner.MostAtOnce, Is.EqualTo(3), "all started at once");
        Assert.That(lines, Does.Contain("[py2.7.15] Pulled r/ns/overwatch:latest-py2.7.15."), "a pull ahead logs in the lane of its version");
    }

    [Test]
    public void A_lane_waiting_for_a_pull_ahead_stops_at_once_when_another_lane_fails_and_disposing_stops_the_pull()
    {
        var runner = new CountingRunner(refuse: false) { Hang = "r/slow:1" };
        var puller = new Puller(new DockerCli(runner, _ => { }), () => null, _ => { });
        puller.Ahead([("a", "r/slow:1")]);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var outcomes = LaneRunner.Run(
        [
            new LaneWork("a", () => puller.Pull("r/slow:1")),
            new LaneWork("b", () =>
            {
                Thread.Sleep(100);
                throw new InvalidOperationException("b failed");
            }),
        ], parallel: 2);
        puller.Dispose();

        Assert.That(outcomes.Select(o => o.State), Is.EqualTo(new[] { LaneState.Stopped, LaneState.Failed }));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "neither the lane nor Dispose waited for the hung pull");
    }

    private sealed class CountingRunner(bool refuse) : IProcessRunner
    {
        private int running;

        public ConcurrentBag<string> Pulls { get; } = [];

        public int MostAtOnce { get; private set; }

        /// <summary>A reference whose pull runs until its lane is stopped (as the process runner stops docker).</summary>
        public string? Hang { get; init; }

        public ProcessResult Run(ProcessSpec spec, Action<string>? stream = null)
        {
            if (spec.Arguments[0] != "pull") throw new AssertionException($"ran {spec.Display}");
            Pulls.Add(spec.Arguments[1]);
            if (spec.Arguments[1] == Hang)
            {
                Lane.Current!.Cancellation.WaitHandle.WaitOne(TimeSpan.FromSeconds(30));
                throw new LaneStoppedException(Lane.Current.Name);
            }
            var now = Interlocked.Increment(ref running);
            lock (Pulls) MostAtOnce = Math.Max(MostAtOnce, now);
            Thread.Sleep(200);
            Interlocked.Decrement(ref running);
            return refuse
                ? new ProcessResult(1, ["Error response from daemon: pull access denied for r/x, repository does not exist or may require 'docker login': denied: requested access to the resource is denied"], "")
                : new ProcessResult(0, [], "");
        }

        public int RunAttached(ProcessSpec spec) => throw new NotSupportedException();
    }
}
