namespace Overwatch.Build.Infrastructure.Processes;

/// <summary>One piece of work of a <see cref="LaneRunner"/>, named after its lane.</summary>
public sealed record LaneWork(string Name, Action Run);

/// <summary>How one piece of work ended.</summary>
public enum LaneState
{
    Succeeded,
    Failed,

    /// <summary>Stopped part-way because another lane failed.</summary>
    Stopped,

    /// <summary>Never started because another lane had failed.</summary>
    NotStarted,
}

public sealed record LaneOutcome(string Name, LaneState State, Exception? Error = null);

/// <summary>
/// Runs work in lanes, at most <c>parallel</c> at once, in the order given. The first failure stops the
/// rest: lanes waiting to start never start, running ones are cancelled (their processes killed, their
/// retry waits cut short), and the runner returns only when every lane has ended, so the caller can give a
/// true account. An interrupt (SIGINT/TERM) is not a lane's failure: it is rethrown once all have ended.
/// </summary>
public static class LaneRunner
{
    public static IReadOnlyList<LaneOutcome> Run(IReadOnlyList<LaneWork> work, int parallel)
    {
        if (parallel < 1) throw new ArgumentOutOfRangeException(nameof(parallel), parallel, "at least one lane");
        var outcomes = new LaneOutcome?[work.Count];
        using var stop = new CancellationTokenSource();
        var next = -1;
        void Worker()
        {
            for (int index; (index = Interlocked.Increment(ref next)) < work.Count;)
            {
                var item = work[index];
                if (stop.IsCancellationRequested || Interrupts.Interrupted)
                {
                    outcomes[index] = new LaneOutcome(item.Name, LaneState.NotStarted);
                    continue;
                }
                outcomes[index] = RunOne(item, stop);
            }
        }

        var workers = Enumerable.Range(0, Math.Min(parallel, work.Count))
            // Threads of their own: the work blocks on processes, and blocked pool threads would starve the pipes that feed it.
            .Select(i => new Thread(Worker) { IsBackground = true, Name = $"lane {i + 1}" })
            .ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        Interrupts.ThrowIfInterrupted();
        return outcomes.Select(o => o!).ToList();
    }

    private static LaneOutcome RunOne(LaneWork item, CancellationTokenSource stop)
    {
        using var lane = Lane.Enter(item.Name, stop.Token);
        try
        {
            item.Run();
            return new LaneOutcome(item.Name, LaneState.Succeeded);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested || Interrupts.Interrupted)
        {
            return new LaneOutcome(item.Name, LaneState.Stopped);
        }
        catch (Exception e)
        {
            // A lane that failed while being stopped (a killed docker) still counts as stopped, not as a second failure.
            if (stop.IsCancellationRequested) return new LaneOutcome(item.Name, LaneState.Stopped, e);
            stop.Cancel();
            return new LaneOutcome(item.Name, LaneState.Failed, e);
        }
    }
}
