using NUnit.Framework;

namespace Overwatch.Build.Tests.Infra;

/// <summary>
/// A dockerd of the test's own, beside the default one: its own unix socket, data root, exec root (so its own
/// containerd) and pid file, no bridge and no iptables rules, so the default engine is not disturbed. Stopped with
/// SIGTERM (dockerd then stops its containerd) and its directories removed.
/// </summary>
public sealed class SecondDockerDaemon : IDisposable
{
    private readonly TempDirectory directory = new("owb-dockerd");
    private readonly ManagedProcess process;

    public SecondDockerDaemon()
    {
        var dockerd = RequiredProgram.Find("dockerd");
        Host = $"unix://{directory.Combine("docker.sock")}";
        process = new ManagedProcess(dockerd,
        [
            "--host", Host, "--data-root", directory.Combine("data"), "--exec-root", directory.Combine("exec"),
            "--pidfile", directory.Combine("dockerd.pid"), "--bridge=none", "--iptables=false", "--ip-masq=false",
        ]);
        process.WaitUntil($"answering on {Host}", () => Docker("version", "--format", "{{.Server.Version}}").ExitCode == 0, TimeSpan.FromSeconds(60));
    }

    /// <summary>DOCKER_HOST of this engine.</summary>
    public string Host { get; }

    /// <summary>A docker command against this engine.</summary>
    public CommandResult Docker(params string[] arguments) =>
        Shell.Run("docker", arguments, new Dictionary<string, string?> { ["DOCKER_HOST"] = Host, ["DOCKER_CONTEXT"] = null });

    public void Dispose()
    {
        var pidFile = directory.Combine("dockerd.pid");
        if (File.Exists(pidFile) && !process.HasExited)
        {
            Shell.Run("kill", "-TERM", File.ReadAllText(pidFile).Trim());
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!process.HasExited && DateTime.UtcNow < deadline) Thread.Sleep(100);
        }
        process.Dispose();
        // Layers are mounted only while a build runs; anything left mounted would keep the directory.
        Shell.Run("umount", "--recursive", "--lazy", directory.Combine("data"));
        directory.Dispose();
        if (Directory.Exists(directory.Path)) TestContext.Progress.WriteLine($"second dockerd left {directory.Path} behind");
    }
}
