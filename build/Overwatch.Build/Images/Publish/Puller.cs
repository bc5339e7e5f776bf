using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Infrastructure.Processes;

namespace Overwatch.Build.Images.Publish;

/// <summary>
/// Pulls anonymously first and logs in only when the registry asks for credentials, so a build that
/// publishes nothing never depends on a working login. Shared by the lanes of a run: a reference is pulled
/// once however many versions ask for it (the others wait for that pull), and the login is tried once.
/// Pulls can start <see cref="Ahead"/> of the lanes that need them; disposing stops those still running.
/// </summary>
/// <param name="login">Logs in: null when there are no credentials, false when the login failed.</param>
public sealed class Puller(DockerCli docker, Func<bool?> login, Action<string> log) : IDisposable
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<RegistryOutcome>> pulls = new(StringComparer.Ordinal);
    private readonly Lazy<bool?> loggedIn = new(login, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly CancellationTokenSource stopAhead = new();
    private readonly List<Thread> ahead = [];

    /// <summary>True when a pull was refused and no credentials were there to log in with.</summary>
    public bool Anonymous => loggedIn.IsValueCreated && loggedIn.Value is null;

    /// <summary>The pull of the reference: started here, or the one already running or done (waited for).</summary>
    public RegistryOutcome Pull(string reference)
    {
        var (pull, mine) = Claim(reference);
        if (mine) Complete(pull, reference);
        return Wait(pull.Task);
    }

    /// <summary>
    /// Starts these pulls now, all at once, each on a thread of its own in the lane of its version (which prefixes its
    /// lines), while the lanes go on; a lane that needs one waits for it. Pulls are I/O, and docker shares a layer
    /// between pulls that need it, so the base and the previous app image of every version download side by side.
    /// </summary>
    public void Ahead(IEnumerable<(string Lane, string Reference)> references)
    {
        foreach (var (lane, reference) in references)
        {
            var (pull, mine) = Claim(reference);
            if (!mine) continue;
            var thread = new Thread(() =>
            {
                using var entered = Lane.Enter(lane, stopAhead.Token);
                Complete(pull, reference, rethrow: false);
            }) { IsBackground = true, Name = $"pull {reference}" };
            lock (ahead) ahead.Add(thread);
            thread.Start();
        }
    }

    private (TaskCompletionSource<RegistryOutcome> Pull, bool Mine) Claim(string reference)
    {
        var fresh = new TaskCompletionSource<RegistryOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pull = pulls.GetOrAdd(reference, fresh);
        return (pull, ReferenceEquals(pull, fresh));
    }

    private void Complete(TaskCompletionSource<RegistryOutcome> pull, string reference, bool rethrow = true)
    {
        try
        {
            pull.SetResult(PullOnce(reference));
        }
        catch (Exception e)
        {
            pull.SetException(e);
            if (rethrow) throw;
        }
    }

    /// <summary>Waits for a pull, but not past the lane's stop or an interrupt.</summary>
    private static RegistryOutcome Wait(Task<RegistryOutcome> pull)
    {
        using var stopped = CancellationTokenSource.CreateLinkedTokenSource(Lane.Current?.Cancellation ?? CancellationToken.None, Interrupts.Token);
        try
        {
            pull.Wait(stopped.Token);
        }
        catch (OperationCanceledException)
        {
            Lane.ThrowIfStopped();
            throw;
        }
        catch (AggregateException e) when (e.InnerException is { } inner)
        {
            ExceptionDispatchInfo.Capture(inner).Throw();
        }
        return pull.Result;
    }

    private RegistryOutcome PullOnce(string reference)
    {
        var anonymous = docker.ConfigDirectory is null;
        var outcome = docker.Pull(reference);
        // Refused without credentials: log in (once for all lanes) and try again; refused with them is final.
        if (!outcome.Succeeded && anonymous && outcome.LastFailure!.Fault is RegistryFault.Unauthorized or RegistryFault.Denied && loggedIn.Value == true)
            outcome = docker.Pull(reference);
        if (outcome.Succeeded) log($"Pulled {reference}.");
        return outcome;
    }

    /// <summary>Stops the pulls started ahead that still run (the run failed or ended) and waits for them.</summary>
    public void Dispose()
    {
        stopAhead.Cancel();
        List<Thread> threads;
        lock (ahead) threads = [.. ahead];
        threads.ForEach(t => t.Join());
    }
}
