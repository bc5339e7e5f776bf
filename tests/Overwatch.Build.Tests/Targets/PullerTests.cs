using System.Collections.Concurrent;
using NUnit.Framework;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Infrastructure.Processes;
using Overwatch.Build.Targets;

namespace Overwatch.Build.Tests.Targets;

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

    private sealed class CountingRunner(bool refuse) : IProcessRunner
    {
        public ConcurrentBag<string> Pulls { get; } = [];

        public ProcessResult Run(ProcessSpec spec, Action<string>? stream = null)
        {
            if (spec.Arguments[0] != "pull") throw new AssertionException($"ran {spec.Display}");
            Pulls.Add(spec.Arguments[1]);
            Thread.Sleep(20);
            return refuse
                ? new ProcessResult(1, ["Error response from daemon: pull access denied for r/x, repository does not exist or may require 'docker login': denied: requested access to the resource is denied"], "")
                : new ProcessResult(0, [], "");
        }

        public int RunAttached(ProcessSpec spec) => throw new NotSupportedException();
    }
}
