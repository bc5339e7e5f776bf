using NUnit.Framework;
using Overwatch.Build.Deploy;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Deploy;

/// <summary>
/// The rendered tunnel and data transfer against a real OpenSSH server, rendered for a deployment root as for a
/// container (--deployment-root): ssh, autossh and rsync find the key and known_hosts the deploy YAML gave, and
/// xrdgsiproxy the grid certificate, with no option an operator adds. Everything runs in a private network
/// namespace, so sshd takes port 22 (rsync's user@host:/path names no port) and the tunnel 2222.
/// </summary>
[Category("Programs"), NonParallelizable]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class CredentialProgramTests
{
    private const int TunnelSshPort = 2222;
    private const int HltPort = 9100;
    private const int LocalPort = 9200;
    private const string HltToken = "data from the HLT side";

    private TempDirectory _work = null!;
    private NetworkNamespace? _network;
    private SshServer _sshd = null!;
    private NetworkNamespace.Started? _supervisord;

    private string Root => _work.Combine("deploy");
    private string Destination => _work.Combine("destination");
    private string ProgramsHome => _work.Combine("deploy", "exec", "home");

    [SetUp]
    public void SetUp()
    {
        RequiredProgram.Find("autossh");
        RequiredProgram.Find("rsync");
        RequiredProgram.Find("supervisord");
        _work = new TempDirectory("owb-credentials");
        _network = new NetworkNamespace();
        _sshd = new SshServer(_network, _work.Combine("sshd"), 22, TunnelSshPort);
        // The HLT side of the tunnel: a web server on the far end's loopback.
        Directory.CreateDirectory(_work.Combine("hlt"));
        File.WriteAllText(_work.Combine("hlt", "hlt.txt"), HltToken);
        _network.Start(RequiredProgram.Find("busybox"), ["httpd", "-f", "-p", $"127.0.0.1:{HltPort}", "-h", _work.Combine("hlt")]);
        Directory.CreateDirectory(Destination);
        Directory.CreateDirectory(_work.Combine("deploy", "data"));
        File.WriteAllText(_work.Combine("deploy", "data", "transfer.txt"), "a received file\n");
        WriteStandIns();
    }

    [TearDown]
    public void TearDown()
    {
        _network?.Dispose();
        _network = null;
        _work.Dispose();
    }

    [Test]
    public void With_pinned_host_keys_the_tunnel_forwards_rsync_copies_and_the_grid_proxy_finds_the_certificate()
    {
        var pinned = string.Join("\n", _sshd.KnownHostsLine("127.0.0.1"), _sshd.KnownHostsLine($"[127.0.0.1]:{TunnelSshPort}"));

        Render(pinned);
        StartSupervisord();

        AssertTunnelForwards();
        AssertCopied();
        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(_work.Combine("xrdgsiproxy.log")).Trim(), Is.EqualTo(
                $"proxy from {ProgramsHome}/.globus/usercert.pem and {ProgramsHome}/.globus/userkey.pem"));
            Assert.That(_supervisord!.Output, Does.Not.Contain("first use"));
            Assert.That(File.ReadAllText(Path.Combine(ProgramsHome, ".ssh", "known_hosts")), Is.EqualTo(pinned + "\n"), "known_hosts is the pinned one, untouched");
            Assert.That(Directory.Exists(_work.Combine("host-home")), Is.False, "this machine's HOME is untouched");
        });
    }

    [Test]
    public void Without_pinned_keys_each_host_is_scanned_once_with_a_warning_and_both_programs_connect_also_after_a_restart()
    {
        Render(knownHosts: null);
        StartSupervisord();

        AssertTunnelForwards();
        AssertCopied();
        File.Delete(Path.Combine(Destination, "transfer.txt"));
        var restart = _network!.Run(RequiredProgram.Find("supervisorctl"), "-c", _work.Combine("deploy", "exec", "config", "supervisord.conf"), "restart", "dataTransfer");
        Assert.That(restart.ExitCode, Is.EqualTo(0), restart.ToString());
        AssertCopied();
        var warnings = _supervisord!.Lines.Where(l => l.Contains("on first use")).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(warnings, Has.Some.StartsWith("warning: trusted the ssh host key of 127.0.0.1 port 22 on first use"));
            Assert.That(warnings, Has.Some.StartsWith($"warning: trusted the ssh host key of 127.0.0.1 port {TunnelSshPort} on first use"));
            Assert.That(warnings, Has.Count.EqualTo(2), "each host once, not again when dataTransfer restarts");
            Assert.That(File.ReadAllText(Path.Combine(ProgramsHome, ".ssh", "known_hosts")), Does.StartWith("|1|"), "hashed, as ssh-keyscan -H writes");
        });
    }

    [Test]
    public void A_wrong_pinned_key_stops_both_programs_in_one_line_each_and_nothing_is_copied()
    {
        var other = _work.Combine("other_host_key");
        SshServer.Keygen(other);
        var wrongKey = string.Join(' ', File.ReadAllText(other + ".pub").Split(' ').Take(2));

        Render($"127.0.0.1 {wrongKey}\n[127.0.0.1]:{TunnelSshPort} {wrongKey}");
        StartSupervisord();

        var lines = Poll.Until("both programs refusing the host key", () => _supervisord!.Lines.Where(l => l.Contains("is not the one pinned")).ToList(),
            found => found.Any(l => l.Contains("port 22 ")) && found.Any(l => l.Contains($"port {TunnelSshPort} ")), TimeSpan.FromSeconds(30), _supervisord!.ExitedWhy);
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Does.StartWith("error: the ssh host key of 127.0.0.1 port "));
            Assert.That(_supervisord.Output, Does.Not.Contain("REMOTE HOST IDENTIFICATION HAS CHANGED"), "no ssh connection was tried");
            Assert.That(Directory.EnumerateFileSystemEntries(Destination), Is.Empty, "nothing copied");
            Assert.That(_network!.Run(RequiredProgram.Find("curl"), "-s", "--max-time", "2", $"http://127.0.0.1:{LocalPort}/hlt.txt").StandardOutput,
                Does.Not.Contain(HltToken), "no tunnel");
        });
    }

    private void Render(string? knownHosts)
    {
        var yaml = $$"""
            supervisor: true
            environment:
                sshKey: {enabled: true}
                gridCert: {enabled: true}
                gridKey: {enabled: true}
            {{(knownHosts is null ? "" : "    knownHosts: {enabled: true}\n")}}executables:
                zmqReceiver_EMC:
                    enabled: true
                    localPort: {{LocalPort}}
                    tunnel: {enabled: true, address: 127.0.0.1, port: {{TunnelSshPort}}, username: root, hltPort: {{HltPort}}}
                dataTransfer:
                    enabled: true
                    additionalOptions:
                        dataTransferLocations:
                            site: "root@127.0.0.1:{{Destination}}"
                            EOS: "/eos/experiment/alice/overwatch/"
            """;
        var environment = new Dictionary<string, string?>
        {
            ["config"] = yaml,
            ["HOME"] = _work.Combine("host-home"),
            ["PWD"] = Root,
            ["sshKey"] = File.ReadAllText(_sshd.ClientKeyFile),
            ["gridCert"] = "TEST CERTIFICATE",
            ["gridKey"] = "TEST KEY",
            ["knownHosts"] = knownHosts,
        };
        var checkout = Directory.CreateDirectory(_work.Combine("checkout")).FullName;
        // As for a container, with the deployment root seen where it is: the paths work here too.
        DeployPipeline.Render(new RenderConfigOptions(null, null, _work.Combine("deploy", "exec"), RepoPaths.Templates, checkout, Force: false,
            DeploymentRoot: Root), environment, TextWriter.Null);
    }

    private void StartSupervisord()
    {
        var path = $"{_work.Combine("standins")}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        _supervisord = _network!.Start(RequiredProgram.Find("supervisord"), ["-n", "-c", _work.Combine("deploy", "exec", "config", "supervisord.conf")],
            Root, new Dictionary<string, string> { ["PATH"] = path });
    }

    private void AssertTunnelForwards()
    {
        var curl = RequiredProgram.Find("curl");
        Poll.Until($"the autossh tunnel forwarding 127.0.0.1:{LocalPort} to the HLT port", () => _network!.Run(curl, "-s", "--max-time", "2", $"http://127.0.0.1:{LocalPort}/hlt.txt").StandardOutput,
            body => body == HltToken, TimeSpan.FromSeconds(30), () => null);
    }

    private void AssertCopied() =>
        Poll.Until("dataTransfer's rsync copying data/transfer.txt", () => File.Exists(Path.Combine(Destination, "transfer.txt")) ? File.ReadAllText(Path.Combine(Destination, "transfer.txt")) : _supervisord!.Output,
            text => text == "a received file\n", TimeSpan.FromSeconds(30), _supervisord!.ExitedWhy);

    /// <summary>The receiver, Overwatch's transfer program and xrootd's proxy tool, reduced to what they do with credentials.</summary>
    private void WriteStandIns()
    {
        var dir = Directory.CreateDirectory(_work.Combine("standins")).FullName;
        WriteScript(Path.Combine(dir, "zmqReceive"), "exec sleep 600");
        // Overwatch calls rsync -lth --out-format=%n --files-from=LIST DIR DEST: no -e, so RSYNC_RSH (or ~/.ssh) decides.
        WriteScript(Path.Combine(dir, "overwatchReceiverDataTransfer"), """
            destination=$(sed -n 's/^ *site: *"\(.*\)"$/\1/p' config.yaml)
            rsync -lth --out-format=%n data/transfer.txt "$destination/" || exit 1
            exec sleep 600
            """);
        // xrdgsiproxy reads X509_USER_CERT / X509_USER_KEY, else ~/.globus; the key must be private.
        WriteScript(Path.Combine(dir, "xrdgsiproxy"), $$"""
            cert=${X509_USER_CERT:-$HOME/.globus/usercert.pem}
            key=${X509_USER_KEY:-$HOME/.globus/userkey.pem}
            [ "$*" = "init -valid 168:00" ] || { echo "stand-in xrdgsiproxy: unexpected arguments: $*"; exit 2; }
            grep -q "TEST CERTIFICATE" "$cert" && grep -q "TEST KEY" "$key" && [ "$(stat -c %a "$key")" = 600 ] || { echo "stand-in xrdgsiproxy: no certificate at $cert / $key"; exit 1; }
            echo "proxy from $cert and $key" > {{_work.Combine("xrdgsiproxy.log")}}
            """);
    }

    private static void WriteScript(string path, string body)
    {
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
    }
}
