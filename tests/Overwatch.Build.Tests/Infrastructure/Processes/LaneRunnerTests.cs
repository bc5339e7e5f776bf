using NUnit.Framework;
using Overwatch.Build.Infrastructure.Processes;

namespace Overwatch.Build.Tests.Infrastructure.Processes;

/// <summary>The scheduler of the matrix: bounded, in order, and the first failure stops the rest.</summary>
public sealed class LaneRunnerTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void At_most_the_given_number_of_lanes_run_at_once(int parallel)
    {
        var (running, most) = (0, 0);
        var gate = new object();
        var work = Enumerable.Range(0, 6).Select(i => new LaneWork($"w{i}", () =>
        {
            lock (gate) most = Math.Max(most, ++running);
            // The first lanes wait for each other, so "at once" does not depend on how fast threads start on a busy machine.
            if (i < parallel) SpinWait.SpinUntil(() => Volatile.Read(ref running) >= parallel, TimeSpan.FromSeconds(10));
            Thread.Sleep(20);
            lock (gate) running--;
        })).ToList();

        var outcomes = LaneRunner.Run(work, parallel);

        Assert.That(outcomes.Select(o => o.State), Is.All.EqualTo(LaneState.Succeeded));
        Assert.That(most, Is.EqualTo(parallel));
    }

    [Test]
    public void The_first_failure_stops_running_lanes_and_the_rest_never_start()
    {
        using var started = new CountdownEvent(2);
        var work = new List<LaneWork>
        {
            new("slow", () =>
            {
                started.Signal();
                Lane.Sleep(TimeSpan.FromSeconds(30));
            }),
            new("broken", () =>
            {
                started.Signal();
                started.Wait();
                throw new InvalidOperationException("boom");
            }),
            new("later", () => Assert.Fail("a lane after the failure must not start")),
        };

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var outcomes = LaneRunner.Run(work, parallel: 2);

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "the sleeping lane was woken");
        Assert.That(outcomes.Select(o => (o.Name, o.State)), Is.EqualTo(new[]
        {
            ("slow", LaneState.Stopped), ("broken", LaneState.Failed), ("later", LaneState.NotStarted),
        }));
        Assert.That(outcomes[1].Error!.Message, Is.EqualTo("boom"));
    }

    [Test]
    public void Lines_logged_in_a_lane_carry_its_name_and_lines_outside_do_not()
    {
        var lines = new List<string>();
        var log = LaneLog.Wrap(lines.Add);

        log("before");
        LaneRunner.Run([new LaneWork("py3.6.7", () => log("inside\nsecond line"))], parallel: 1);

        Assert.That(lines, Is.EqualTo(new[] { "before", "[py3.6.7] inside\n[py3.6.7] second line" }));
    }

    [Test]
    public void A_process_started_in_a_stopped_lane_does_not_run()
    {
        using var stop = new CancellationTokenSource();
        stop.Cancel();
        using var lane = Lane.Enter("py2.7.15", stop.Token);

        var error = Assert.Throws<LaneStoppedException>(() => new ProcessRunner().Run(new ProcessSpec("true", [])));

        Assert.That(error!.Lane, Is.EqualTo("py2.7.15"));
    }

    [Test]
    public void A_running_process_is_killed_when_its_lane_is_stopped()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        using var lane = Lane.Enter("py2.7.15", stop.Token);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        Assert.Throws<LaneStoppedException>(() => new ProcessRunner().Run(new ProcessSpec("sleep", ["30"])));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
    }
}
