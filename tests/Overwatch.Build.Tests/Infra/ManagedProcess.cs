using System.Collections.Concurrent;
using System.Diagnostics;

namespace Overwatch.Build.Tests.Infra;

/// <summary>A server program a test starts: its output kept for failure messages, killed with its children on dispose.</summary>
public sealed class ManagedProcess : IDisposable
{
    private const int KeptLines = 40;
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    public ManagedProcess(string program, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Name = Path.GetFileName(program);
    }

    public string Name { get; }

    public bool HasExited => process.HasExited;

    public int Id => process.Id;

    /// <summary>The exit code once the program has ended within <paramref name="timeout"/>; a time-out fails the test.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        if (!process.WaitForExit(timeout))
            NUnit.Framework.Assert.Fail($"{Name} still runs after {timeout.TotalSeconds:0} s; its last output:{Environment.NewLine}{Output}");
        process.WaitForExit();
        return process.ExitCode;
    }

    public string Output => string.Join(Environment.NewLine, output);

    /// <summary>Polls until <paramref name="ready"/>; false when the program exited first (e.g. its port was taken), a failure on time-out.</summary>
    public bool TryWaitUntil(string what, Func<bool> ready, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!HasExited)
        {
            if (ready()) return true;
            if (DateTime.UtcNow >= deadline)
                NUnit.Framework.Assert.Fail($"{Name}: {what} not reached within {timeout.TotalSeconds:0} s; its last output:{Environment.NewLine}{Output}");
            Thread.Sleep(100);
        }
        return false;
    }

    /// <summary>Why waiting on this program is pointless, or null while it runs.</summary>
    public string? ExitedWhy() => HasExited ? $"{Name} exited with code {process.ExitCode}: {Output}" : null;

    /// <summary>Polls until <paramref name="ready"/>; the program exiting first or a time-out fails the test with its last output.</summary>
    public void WaitUntil(string what, Func<bool> ready, TimeSpan timeout)
    {
        if (!TryWaitUntil(what, ready, timeout))
            NUnit.Framework.Assert.Fail($"{Name} exited with code {process.ExitCode} before {what}:{Environment.NewLine}{Output}");
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        output.Enqueue(line);
        while (output.Count > KeptLines) output.TryDequeue(out _);
    }
}
