using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Overwatch.Build.Infrastructure.Processes;

/// <summary>
/// SIGINT, SIGTERM and SIGHUP (Ctrl-C, a CI cancel, `timeout`, a closed terminal) end the run promptly
/// and cleanly: registered clean-ups run first (the temporary docker login above all), running child
/// processes are stopped, and the run exits with 128 + the signal's number once the current task has
/// unwound (or after a short grace period). .NET runs no ProcessExit handler on these signals, and
/// Cake would otherwise finish the current step first. The death of the parent (the `dotnet cake`
/// launcher, which dies of SIGHUP without passing it on) counts as SIGHUP.
/// </summary>
public static class Interrupts
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);
    private static readonly ConcurrentDictionary<int, Process> Children = new();
    // Keyed by a token object, not a Guid: the framework's code for a struct key would be JIT-compiled on every run.
    private static readonly ConcurrentDictionary<object, Action> CleanUps = new();
    private static readonly CancellationTokenSource Cancellation = new();
    private static readonly List<PosixSignalRegistration> Registrations = [];
    private static readonly ManualResetEventSlim Unwound = new();
    private static readonly ManualResetEventSlim Handled = new();
    private static readonly TimeSpan CleanUpLimit = TimeSpan.FromSeconds(90);
    private static readonly object Gate = new();
    private static int signalNumber;

    /// <summary>Held while files are being swapped into place, so an interrupt never lands half-way.</summary>
    public static readonly object CriticalSection = new();

    public static CancellationToken Token => Cancellation.Token;

    public static bool Interrupted => Volatile.Read(ref signalNumber) != 0;

    /// <summary>Registers the handlers once per process; later calls do nothing.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (Registrations.Count > 0) return;
            foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
                Registrations.Add(PosixSignalRegistration.Create(signal, context =>
                {
                    context.Cancel = true;
                    Interrupt(context.Signal);
                }));
            if (!OperatingSystem.IsWindows()) WatchParent();
        }
    }

    /// <summary>Runs <paramref name="cleanUp"/> if the run is interrupted before the returned handle is disposed.</summary>
    public static IDisposable OnInterrupt(Action cleanUp)
    {
        var id = new object();
        CleanUps[id] = cleanUp;
        return new Registration(() => CleanUps.TryRemove(id, out _));
    }

    /// <summary>Called when the run has unwound (Teardown): exits with the signal's code if there was one.</summary>
    public static void ExitIfInterrupted()
    {
        if (!Interrupted) return;
        // The run may unwind while the handler still cleans up (a step that saw its container vanish): let it finish.
        Handled.Wait(CleanUpLimit);
        Unwound.Set();
        lock (CriticalSection) Environment.Exit(128 + signalNumber);
    }

    /// <summary>Throws when the run was interrupted; long loops call it between steps.</summary>
    public static void ThrowIfInterrupted() => Token.ThrowIfCancellationRequested();

    internal static IDisposable Track(Process process)
    {
        Children[process.Id] = process;
        return new Registration(() => Children.TryRemove(process.Id, out _));
    }

    internal static IDisposable Track(int processId)
    {
        try
        {
            return Track(Process.GetProcessById(processId));
        }
        catch (ArgumentException)
        {
            return new Registration(() => { });
        }
    }

    private static void Interrupt(PosixSignal signal)
    {
        var (name, number) = signal switch
        {
            PosixSignal.SIGINT => ("SIGINT", 2),
            PosixSignal.SIGHUP => ("SIGHUP", 1),
            _ => ("SIGTERM", 15),
        };
        if (Interlocked.CompareExchange(ref signalNumber, number, 0) != 0) return;
        foreach (var cleanUp in CleanUps.Values)
        {
            try { cleanUp(); } catch (Exception) { /* the others must still run */ }
        }
        Console.Error.WriteLine($"Error: interrupted by {name}: running commands stopped, temporary credentials removed");
        Cancellation.Cancel();
        foreach (var child in Children.Values)
        {
            try { child.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } catch (System.ComponentModel.Win32Exception) { }
        }
        Handled.Set();
        // The task in progress fails on the cancelled token and Teardown exits; a step that never looks
        // at the token is cut short after the grace period.
        if (!Unwound.Wait(Grace))
            lock (CriticalSection) Environment.Exit(128 + number);
    }

    private static void WatchParent()
    {
        var parent = getppid();
        var watcher = new Thread(() =>
        {
            while (getppid() == parent) Thread.Sleep(250);
            Interrupt(PosixSignal.SIGHUP);
        }) { IsBackground = true, Name = "parent watch" };
        watcher.Start();
    }

    [DllImport("libc", SetLastError = false)]
    private static extern int getppid();

    private sealed class Registration(Action dispose) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) dispose();
        }
    }
}
