namespace Overwatch.Build.Infrastructure.Processes;

/// <summary>
/// The lane a piece of work runs in when several run at once (one Python version of the matrix): its name
/// prefixes every line logged from it, and its cancellation stops the processes it starts. Ambient (it flows
/// with the thread), so the docker calls deep inside a step need no extra parameter.
/// </summary>
public sealed class Lane
{
    private static readonly AsyncLocal<Lane?> Ambient = new();

    private Lane(string name, CancellationToken cancellation)
    {
        Name = name;
        Cancellation = cancellation;
    }

    public string Name { get; }

    /// <summary>Set when another lane failed and this one must stop.</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>The lane of the calling thread, or null outside any.</summary>
    public static Lane? Current => Ambient.Value;

    /// <summary>The calling thread works in this lane until the handle is disposed.</summary>
    public static IDisposable Enter(string name, CancellationToken cancellation)
    {
        var previous = Ambient.Value;
        Ambient.Value = new Lane(name, cancellation);
        return new Leave(() => Ambient.Value = previous);
    }

    /// <summary>Throws when the run was interrupted or this lane was told to stop.</summary>
    public static void ThrowIfStopped()
    {
        Interrupts.ThrowIfInterrupted();
        if (Current is { Cancellation.IsCancellationRequested: true } lane)
            throw new LaneStoppedException(lane.Name);
    }

    /// <summary>Waits (between retries), but returns early by throwing when the run or the lane is stopped.</summary>
    public static void Sleep(TimeSpan wait)
    {
        var lane = Current?.Cancellation ?? CancellationToken.None;
        using var either = CancellationTokenSource.CreateLinkedTokenSource(lane, Interrupts.Token);
        either.Token.WaitHandle.WaitOne(wait);
        ThrowIfStopped();
    }

    private sealed class Leave(Action leave) : IDisposable
    {
        public void Dispose() => leave();
    }
}

/// <summary>A lane stopped because another lane failed; not a failure of its own.</summary>
public sealed class LaneStoppedException(string lane) : OperationCanceledException($"{lane} was stopped")
{
    public string Lane { get; } = lane;
}
