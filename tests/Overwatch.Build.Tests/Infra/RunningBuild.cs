using System.Diagnostics;

namespace Overwatch.Build.Tests.Infra;

/// <summary>build.sh started in the background, with its output collected.</summary>
public sealed class RunningBuild : IDisposable
{
    private readonly System.Text.StringBuilder output = new();

    private RunningBuild(Process process) => Process = process;

    public Process Process { get; }

    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    public static RunningBuild Start(IEnumerable<string> arguments, Dictionary<string, string?> environment)
    {
        // setsid: build.sh leads a process group of its own, as a CI job does, so the group can be signalled.
        var start = new ProcessStartInfo("setsid", [Path.Combine(RepoPaths.Root, "build.sh"), .. arguments])
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in BuildScript.Environment(environment))
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }
        var run = new RunningBuild(Process.Start(start)!);
        run.Process.OutputDataReceived += (_, e) => run.Append(e.Data);
        run.Process.ErrorDataReceived += (_, e) => run.Append(e.Data);
        run.Process.BeginOutputReadLine();
        run.Process.BeginErrorReadLine();
        return run;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    public void Dispose()
    {
        try { if (!Process.HasExited) Process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        Process.Dispose();
    }
}
