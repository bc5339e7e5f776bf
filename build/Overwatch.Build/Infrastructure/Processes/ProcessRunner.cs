using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using CliWrap;

namespace Overwatch.Build.Infrastructure.Processes;

/// <summary>The one place that starts processes. Captures stdout and keeps the last lines of stdout+stderr.</summary>
public sealed class ProcessRunner : IProcessRunner
{
    private const int KeptLines = 40;

    public ProcessResult Run(ProcessSpec spec, Action<string>? stream = null)
    {
        var tail = new Queue<string>();
        var stdout = new StringBuilder();
        var gate = new object();
        using var stall = new CancellationTokenSource();
        void Line(string line, bool isStdout)
        {
            lock (gate)
            {
                if (spec.StallLimit is { } limit) stall.CancelAfter(limit);
                if (isStdout) stdout.AppendLine(line);
                tail.Enqueue(line);
                if (tail.Count > KeptLines) tail.Dequeue();
                stream?.Invoke(line);
            }
        }

        var command = Cli.Wrap(spec.Program)
            .WithArguments(spec.Arguments)
            .WithValidation(CommandResultValidation.None)
            .WithEnvironmentVariables(spec.Environment)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(l => Line(l, true)))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(l => Line(l, false)));
        if (spec.WorkingDirectory is not null) command = command.WithWorkingDirectory(spec.WorkingDirectory);
        if (spec.StandardInput is not null) command = command.WithStandardInputPipe(PipeSource.FromString(spec.StandardInput));
        if (spec.StandardInputBytes is not null) command = command.WithStandardInputPipe(PipeSource.FromBytes(spec.StandardInputBytes));

        try
        {
            Lane.ThrowIfStopped();
            if (spec.StallLimit is { } limit) stall.CancelAfter(limit);
            // Another lane's failure stops this lane's process too (Lane.Current is null outside the matrix).
            using var stopped = CancellationTokenSource.CreateLinkedTokenSource(stall.Token, Interrupts.Token, Lane.Current?.Cancellation ?? CancellationToken.None);
            var task = command.ExecuteAsync(stopped.Token);
            using (Interrupts.Track(task.ProcessId))
            {
                var result = task.GetAwaiter().GetResult();
                return new ProcessResult(result.ExitCode, tail.ToList(), stdout.ToString());
            }
        }
        catch (OperationCanceledException) when (Interrupts.Interrupted)
        {
            throw new OperationCanceledException($"{spec.Program} was stopped: the run was interrupted");
        }
        catch (OperationCanceledException) when (Lane.Current is { Cancellation.IsCancellationRequested: true } lane)
        {
            throw new LaneStoppedException(lane.Name);
        }
        catch (OperationCanceledException) when (stall.IsCancellationRequested)
        {
            lock (gate) return new ProcessResult(-1, tail.ToList(), stdout.ToString()) { Stalled = true };
        }
        catch (Win32Exception)
        {
            throw new ProgramNotFoundException(spec.Program);
        }
    }

    public int RunAttached(ProcessSpec spec)
    {
        var start = new ProcessStartInfo(spec.Program, spec.Arguments) { UseShellExecute = false };
        foreach (var (name, value) in spec.Environment)
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }
        if (spec.WorkingDirectory is not null) start.WorkingDirectory = spec.WorkingDirectory;
        try
        {
            using var process = Process.Start(start)!;
            using var tracked = Interrupts.Track(process);
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (Win32Exception)
        {
            throw new ProgramNotFoundException(spec.Program);
        }
    }
}
