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
        void Line(string line, bool isStdout)
        {
            lock (gate)
            {
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

        try
        {
            var result = command.ExecuteAsync().GetAwaiter().GetResult();
            return new ProcessResult(result.ExitCode, tail.ToList(), stdout.ToString());
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
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (Win32Exception)
        {
            throw new ProgramNotFoundException(spec.Program);
        }
    }
}
