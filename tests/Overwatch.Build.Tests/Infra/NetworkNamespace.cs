using System.Collections.Concurrent;
using System.Diagnostics;

namespace Overwatch.Build.Tests.Infra;

/// <summary>
/// A private network namespace with only loopback up (root only): servers in it take fixed ports such as ssh's 22
/// without meeting any other process of the machine. Programs are started in it with nsenter; on dispose every
/// process in it is killed by id (they are all this test's, including those that went to the background).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class NetworkNamespace : IDisposable
{
    private readonly Process holder;
    private readonly List<Started> started = [];

    public NetworkNamespace()
    {
        if (Environment.UserName != "root") RequiredProgram.Unavailable("a private network namespace needs root (unshare --net)");
        var unshare = RequiredProgram.Find("unshare");
        RequiredProgram.Find("nsenter");
        RequiredProgram.Find("ip");
        holder = Process.Start(new ProcessStartInfo(unshare, ["--net", "sh", "-c", "ip link set lo up && echo ready && exec sleep 3600"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var first = holder.StandardOutput.ReadLine();
        if (first != "ready") throw new InvalidOperationException($"unshare --net did not start: {first} {holder.StandardError.ReadToEnd()}");
        NamespaceLink = new FileInfo($"/proc/{holder.Id}/ns/net").LinkTarget!;
    }

    /// <summary>The namespace's identity as /proc/PID/ns/net links to it (net:[INODE]).</summary>
    public string NamespaceLink { get; }

    /// <summary>Starts a long-running program in the namespace; its output (stdout and stderr) is kept whole.</summary>
    public Started Start(string program, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(RequiredProgram.Find("nsenter"), ["-t", holder.Id.ToString(), "-n", "--", program, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var process = new Started(Process.Start(start)!, Path.GetFileName(program));
        started.Add(process);
        return process;
    }

    /// <summary>Runs a program in the namespace to completion.</summary>
    public CommandResult Run(string program, params string[] arguments) =>
        Shell.Run(RequiredProgram.Find("nsenter"), ["-t", holder.Id.ToString(), "-n", "--", program, .. arguments]);

    public void Dispose()
    {
        // Every process in the namespace, the ones in the background too (autossh -f): all started by this test.
        // Again while any is left: supervisord may have started a program between the listing and its end.
        for (var pass = 0; pass < 5; pass++)
        {
            var inside = ProcessesInside().ToList();
            if (inside.Count == 0) break;
            foreach (var pid in inside)
            {
                try { Process.GetProcessById(pid).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
            }
            Thread.Sleep(100);
        }
        foreach (var process in started) process.Dispose();
        try { holder.Kill(); holder.WaitForExit(5000); } catch (InvalidOperationException) { }
        holder.Dispose();
    }

    private IEnumerable<int> ProcessesInside()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == holder.Id) continue;
            string? link;
            try { link = new FileInfo(Path.Combine(dir, "ns", "net")).LinkTarget; } catch (IOException) { continue; } catch (UnauthorizedAccessException) { continue; }
            if (link == NamespaceLink) yield return pid;
        }
    }

    /// <summary>A program started in the namespace, with all it printed.</summary>
    public sealed class Started : IDisposable
    {
        private readonly Process process;
        private readonly ConcurrentQueue<string> lines = new();

        internal Started(Process process, string name)
        {
            this.process = process;
            Name = name;
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public string Name { get; }

        public IReadOnlyList<string> Lines => lines.ToArray();

        public string Output => string.Join(Environment.NewLine, lines);

        public string? ExitedWhy() => process.HasExited ? $"{Name} exited with code {process.ExitCode}: {Output}" : null;

        public void Dispose()
        {
            try { if (!process.HasExited) { process.Kill(entireProcessTree: true); process.WaitForExit(5000); } } catch (InvalidOperationException) { }
            process.Dispose();
        }
    }
}
