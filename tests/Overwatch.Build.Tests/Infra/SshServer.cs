namespace Overwatch.Build.Tests.Infra;

/// <summary>
/// Debian's OpenSSH server in a <see cref="NetworkNamespace"/>, on 127.0.0.1 at the given ports, with a host key and
/// an authorized key of its own (in <paramref name="directory"/>); root may log in with that key only.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SshServer
{
    public SshServer(NetworkNamespace network, string directory, params int[] ports)
    {
        var sshd = RequiredProgram.Find("sshd");
        Directory.CreateDirectory(directory);
        HostKeyFile = Path.Combine(directory, "ssh_host_ed25519_key");
        ClientKeyFile = Path.Combine(directory, "client_key");
        Keygen(HostKeyFile);
        Keygen(ClientKeyFile);
        var authorized = Path.Combine(directory, "authorized_keys");
        File.Copy(ClientKeyFile + ".pub", authorized);
        var config = Path.Combine(directory, "sshd_config");
        File.WriteAllLines(config, [
            .. ports.Select(p => $"ListenAddress 127.0.0.1:{p}"),
            $"HostKey {HostKeyFile}",
            $"AuthorizedKeysFile {authorized}",
            $"PidFile {Path.Combine(directory, "sshd.pid")}",
            // The test runs as root; its temp directory is not laid out for StrictModes' ownership rules.
            "PermitRootLogin prohibit-password",
            "StrictModes no",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "UsePAM no",
            "AllowTcpForwarding yes",
        ]);
        // sshd refuses to start without its privilege separation directory, which only its init script makes.
        Directory.CreateDirectory("/run/sshd");
        Process = network.Start(sshd, ["-D", "-e", "-f", config]);
        foreach (var port in ports)
        {
            Poll.Until($"sshd answering on 127.0.0.1:{port}", () => network.Run(RequiredProgram.Find("ssh-keyscan"), "-p", port.ToString(), "127.0.0.1").StandardOutput,
                keys => keys.Contains("ssh-ed25519"), TimeSpan.FromSeconds(20), Process.ExitedWhy);
        }
    }

    public NetworkNamespace.Started Process { get; }

    public string HostKeyFile { get; }

    /// <summary>The private key root logs in with (no passphrase).</summary>
    public string ClientKeyFile { get; }

    /// <summary>A known_hosts line pinning this server's key for <paramref name="name"/> (<c>127.0.0.1</c> or <c>[127.0.0.1]:PORT</c>).</summary>
    public string KnownHostsLine(string name) => $"{name} {string.Join(' ', File.ReadAllText(HostKeyFile + ".pub").Split(' ').Take(2))}";

    /// <summary>Makes an ed25519 key pair without a passphrase at <paramref name="file"/> and file.pub.</summary>
    public static void Keygen(string file)
    {
        var result = Shell.Run(RequiredProgram.Find("ssh-keygen"), "-q", "-t", "ed25519", "-N", "", "-C", "test", "-f", file);
        if (result.ExitCode != 0) throw new InvalidOperationException($"ssh-keygen failed: {result.AllOutput}");
    }
}
