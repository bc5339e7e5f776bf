namespace Overwatch.Build.Tests.Infra;

/// <summary>
/// A `docker` first on PATH that writes each invocation's arguments to a log, then runs the real docker: what a run
/// asked docker to do, counted.
/// </summary>
public sealed class DockerCallLog : IDisposable
{
    private readonly TempDirectory directory = new("owb-docker-calls");

    public DockerCallLog()
    {
        var docker = RequiredProgram.Find("docker");
        var shim = directory.Combine("docker");
        File.WriteAllText(shim, $"#!/bin/sh\nprintf '%s\\n' \"$*\" >> '{directory.Combine("calls.log")}'\nexec '{docker}' \"$@\"\n");
        File.SetUnixFileMode(shim, (UnixFileMode)0b111_101_101);
    }

    /// <summary>PATH with the logging docker first.</summary>
    public string Path => directory.Path + ":" + System.Environment.GetEnvironmentVariable("PATH");

    /// <summary>Each docker invocation so far, its arguments joined by spaces.</summary>
    public IReadOnlyList<string> Calls
    {
        get
        {
            var log = directory.Combine("calls.log");
            return File.Exists(log) ? File.ReadAllLines(log) : [];
        }
    }

    public void Clear() => File.Delete(directory.Combine("calls.log"));

    public void Dispose() => directory.Dispose();
}
