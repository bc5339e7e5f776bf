namespace Overwatch.Build.Tests.Infra;

/// <summary>
/// A dockerd that shares neither this machine's file system view nor its loopback, as GitLab's dind and a remote
/// DOCKER_HOST do not: started in its own mount and network namespaces (unshare), with a private tmpfs over /tmp, so
/// none of this machine's temp directories exists on its side and 127.0.0.1 in its containers is not ours. Reached over
/// a unix socket in a folder of /run both sides see. The same kind of engine as the one under test
/// (<see cref="TestEngine.Current"/>): bookworm's Engine 20.10 with --bridge=none and legacy builds, or Engine 26
/// (.ci/engines' prefix) with BuildKit, whose RUN steps get a bridge made inside the namespace (it leads nowhere: the
/// namespace has no other interface), and the containerd image store when that is the engine under test. The stand-in
/// base image is loaded into it. Stopped with SIGTERM and its folder removed.
/// </summary>
public sealed class IsolatedDockerDaemon : IDisposable
{
    private const string Engine26 = "/opt/owb-engines/26";
    private const string Bridge = "owbiso0";
    private readonly string directory = $"/run/owb-isolated-{Guid.NewGuid():N}"[..30];
    private readonly ManagedProcess process;
    private readonly bool buildKit = TestEngine.Current.BuildKit;

    public IsolatedDockerDaemon()
    {
        var unshare = RequiredProgram.Find("unshare");
        RequiredProgram.Find("ip");
        if (Environment.UserName != "root") RequiredProgram.Unavailable("a dockerd in namespaces of its own needs root");
        var dockerd = buildKit ? $"{Engine26}/usr/sbin/dockerd" : RequiredProgram.Find("dockerd");
        if (!File.Exists(dockerd)) RequiredProgram.Unavailable($"Engine 26 is not installed at {Engine26} (run .ci/engines)");
        Directory.CreateDirectory(directory);
        Host = $"unix://{directory}/docker.sock";
        File.WriteAllText($"{directory}/daemon.json", TestEngine.Current.ContainerdStore ? """{"features":{"containerd-snapshotter":true}}""" : "{}");
        // Inside: /tmp is a tmpfs of its own, the loopback of its own is up (and BuildKit's bridge), then dockerd.
        var inside = "set -e; mount -t tmpfs owb-isolated-tmp /tmp; ip link set lo up; " + (buildKit
            ? $"ip link add {Bridge} type bridge; ip addr add 10.232.0.1/24 dev {Bridge}; ip link set {Bridge} up; export PATH={Engine26}/usr/bin:{Engine26}/usr/sbin:$PATH; "
            : "") + "exec \"$0\" \"$@\"";
        process = new ManagedProcess(unshare,
        [
            "--mount", "--net", "--fork", "--kill-child", "sh", "-c", inside,
            dockerd, "--host", Host, "--data-root", $"{directory}/data", "--exec-root", $"{directory}/exec",
            "--pidfile", $"{directory}/dockerd.pid", "--config-file", $"{directory}/daemon.json",
            $"--bridge={(buildKit ? Bridge : "none")}", "--iptables=false", "--ip-masq=false", "--userland-proxy=false",
        ]);
        process.WaitUntil($"answering on {Host}", () => Docker("version", "--format", "{{.Server.Version}}").ExitCode == 0, TimeSpan.FromSeconds(60));
        var load = Shell.Run("sh", ["-c", $"docker save {StandInImage.BaseImage} | DOCKER_HOST={Host} docker load"],
            new Dictionary<string, string?> { ["DOCKER_HOST"] = "unix:///var/run/docker.sock", ["DOCKER_CONTEXT"] = null });
        if (load.ExitCode != 0) throw new InvalidOperationException($"loading {StandInImage.BaseImage} into the isolated dockerd failed: {load}");
        NUnit.Framework.TestContext.Progress.WriteLine(
            $"isolated engine: {Docker("info", "--format", "Engine {{.ServerVersion}}, {{.Driver}} store").StandardOutput.Trim()}, on {Host}");
    }

    /// <summary>DOCKER_HOST of this engine.</summary>
    public string Host { get; }

    /// <summary>What ./build.sh needs to drive this engine: its socket, and on Engine 20.10 the legacy builder.</summary>
    public Dictionary<string, string?> Variables => new() { ["DOCKER_HOST"] = Host, ["DOCKER_CONTEXT"] = null, ["DOCKER_BUILDKIT"] = buildKit ? null : "0" };

    /// <summary>A docker command against this engine.</summary>
    public CommandResult Docker(params string[] arguments) => Shell.Run("docker", arguments, Variables);

    public void Dispose()
    {
        var pidFile = $"{directory}/dockerd.pid";
        if (File.Exists(pidFile) && !process.HasExited)
        {
            Shell.Run("kill", "-TERM", File.ReadAllText(pidFile).Trim());
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!process.HasExited && DateTime.UtcNow < deadline) Thread.Sleep(100);
        }
        process.Dispose();
        // Its mounts lived in its own mount namespace, gone with it: what is left are plain folders.
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        if (Directory.Exists(directory)) NUnit.Framework.TestContext.Progress.WriteLine($"isolated dockerd left {directory} behind");
    }
}
