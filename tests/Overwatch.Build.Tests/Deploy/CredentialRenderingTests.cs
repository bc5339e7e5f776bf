using NUnit.Framework;
using Overwatch.Build.Deploy;
using Overwatch.Build.Deploy.Rendering;
using Overwatch.Build.Deploy.Secrets;
using Overwatch.Build.Inputs;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Deploy;

/// <summary>
/// The programs that use credentials (ssh, autossh, rsync, xrdgsiproxy) find them without options an operator adds;
/// upstream's names and meanings (gridTokenProxy, zmqReceiver.enabled) are kept.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class CredentialRenderingTests
{
    private static readonly Dictionary<string, string?> Host = new() { ["PWD"] = "/opt/overwatch", ["HOME"] = "/home/overwatch" };

    private const string DataTransfer = """
        supervisor: true
        executables:
            dataTransfer:
                enabled: true
                additionalOptions:
                    dataTransferLocations:
                        yale: "overwatch@yale.example.org:/data"
                        CERN_EOS: "/eos/experiment/alice/overwatch/"
        """;

    [Test]
    public void An_EOS_site_adds_the_short_lived_gridTokenProxy_before_dataTransfer()
    {
        var programs = SupervisorPrograms.For(DeployConfigLoader.Load(DataTransfer, Host), HostSettings);

        Assert.That(programs.Select(p => p.Name), Is.EqualTo(new[] { "gridTokenProxy", "dataTransfer" }));
        Assert.That(programs[0], Is.EqualTo(new SupervisorProgram("gridTokenProxy", "xrdgsiproxy init -valid 168:00", ShortLived: true, []))
            .Using<SupervisorProgram>((a, b) => a.Name == b.Name && a.Command == b.Command && a.ShortLived == b.ShortLived && a.Environment.Count == b.Environment.Count));
    }

    [TestCase("", null, TestName = "Without_zmqReceiver_the_receiver_path_is_not_on_PATH")]
    [TestCase("zmqReceiver: {path: /opt/receiver}", null, TestName = "A_receiver_path_that_is_not_enabled_is_not_on_PATH")]
    [TestCase("zmqReceiver: {enabled: true}", "/opt/overwatch/receiver/bin", TestName = "Enabled_without_a_path_puts_PWD_receiver_bin_on_PATH")]
    [TestCase("zmqReceiver: {enabled: true, path: /opt/receiver}", "/opt/receiver", TestName = "Enabled_with_a_path_puts_it_on_PATH")]
    public void The_receiver_path_is_on_PATH_only_when_enabled(string environmentBlock, string? expectedPath)
    {
        var yaml = $"environment:\n    {environmentBlock}\nexecutables:\n    zmqReceiver_EMC: {{enabled: true, localPort: 23456}}\n";

        var receiver = SupervisorPrograms.For(DeployConfigLoader.Load(yaml, Host), HostSettings).Single();

        var path = receiver.Environment.Where(v => v.Key == "PATH").Select(v => v.Value).SingleOrDefault();
        Assert.That(path, Is.EqualTo(expectedPath is null ? null : expectedPath + ":%(ENV_PATH)s"));
    }

    [TestCase("sshKey: {enabled: true}", "/home/overwatch", false, TestName = "Default_places_in_the_programs_home_need_no_pointer")]
    [TestCase("sshKey: {enabled: true, writeLocation: keys/id_rsa}", "/home/overwatch", true, TestName = "A_key_elsewhere_is_named_to_ssh")]
    [TestCase("knownHosts: {enabled: true, writeLocation: keys/known_hosts}", "/home/overwatch", true, TestName = "Known_hosts_elsewhere_is_named_to_ssh")]
    [TestCase("sshKey: {enabled: true}", null, true, TestName = "For_a_container_the_home_is_unknown_so_ssh_is_always_told")]
    public void Ssh_is_pointed_at_credentials_only_where_it_would_not_look(string secret, string? programsHome, bool pointed)
    {
        var config = DeployConfigLoader.Load($"environment:\n    {secret}\nexecutables: {{}}\n", Host);

        var credentials = ProgramCredentials.For(config.Environment, HostSettings with { ProgramsHome = programsHome });

        Assert.That(credentials.PointSsh, Is.EqualTo(pointed));
    }

    [TestCase("gridCert: {enabled: true}\n    gridKey: {enabled: true}", null, TestName = "Grid_defaults_in_the_home_need_no_variables")]
    [TestCase("gridCert: {enabled: true, writeLocation: grid/cert.pem}\n    gridKey: {enabled: true, writeLocation: grid/key.pem}",
        "X509_USER_CERT=/opt/overwatch/grid/cert.pem X509_USER_KEY=/opt/overwatch/grid/key.pem", TestName = "Grid_files_elsewhere_are_named_in_X509_USER_CERT_and_KEY")]
    public void XrdGsiProxy_is_told_where_the_certificate_is_when_it_would_not_look_there(string secrets, string? expected)
    {
        var config = DeployConfigLoader.Load($"environment:\n    {secrets}\n" + DataTransfer, Host);

        var proxy = SupervisorPrograms.For(config, HostSettings).Single(p => p.Name == "gridTokenProxy");

        Assert.That(proxy.Environment.Count == 0 ? null : string.Join(" ", proxy.Environment.Select(v => $"{v.Key}={v.Value}")), Is.EqualTo(expected));
    }

    [Test]
    public void The_tunnel_and_rsync_run_after_the_known_hosts_check_of_their_hosts()
    {
        var yaml = DataTransfer + """

                zmqReceiver_EMC:
                    enabled: true
                    localPort: 23456
                    tunnel: {enabled: true, address: hlt.example.org, port: 2222, username: overwatch, hltPort: 12345}
            """;

        var programs = SupervisorPrograms.For(DeployConfigLoader.Load(yaml, Host), HostSettings);

        Assert.That(programs.Single(p => p.Name == "autossh_EMC").Command, Does.StartWith(
            "/bin/sh /opt/overwatch/exec/config/known-hosts.sh 2222 hlt.example.org -- autossh -L 23456:localhost:12345 "));
        Assert.That(programs.Single(p => p.Name == "dataTransfer").Command,
            Is.EqualTo("/bin/sh /opt/overwatch/exec/config/known-hosts.sh 22 yale.example.org -- overwatchReceiverDataTransfer"));
    }

    [TestCase("user@host.example.org:/data", "host.example.org")]
    [TestCase("host.example.org:/data", "host.example.org")]
    [TestCase("user@10.0.0.1:data", "10.0.0.1")]
    [TestCase("/srv/overwatch/copies", null)]
    [TestCase("copies/today", null)]
    [TestCase("host.example.org::module", null)]
    [TestCase("rsync://host.example.org/module", null)]
    [TestCase("", null)]
    [TestCase("overwatch@[2001:db8::1]:/data", "2001:db8::1")]
    [TestCase("[2001:db8::1]:data", "2001:db8::1")]
    [TestCase("[2001:db8::1]::module", null)]
    [TestCase("copies/[today]:x", null)]
    public void The_ssh_host_of_an_rsync_destination(string destination, string? host) =>
        Assert.That(SshDestinations.RsyncHost(destination), Is.EqualTo(host));

    [Test]
    public void Pinned_host_keys_match_plain_and_hashed_names()
    {
        // The hashed entry is what 'ssh-keyscan -H -p 2222 hlt.example.org' writes (HMAC-SHA1 of the name, salted).
        var salt = Convert.FromBase64String("iYkMfiBLM7XX50qQhHHNZ/Ve4fM=");
        var hash = System.Security.Cryptography.HMACSHA1.HashData(salt, "[hlt.example.org]:2222"u8.ToArray());
        var text = $"yale.example.org ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPa63X34\n|1|{Convert.ToBase64String(salt)}|{Convert.ToBase64String(hash)} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPa63X34\n";

        var (entries, bad) = KnownHostsText.Parse(text);

        Assert.That(bad, Is.Null);
        Assert.That(KnownHostsText.Pins(entries, "yale.example.org"), Is.True);
        Assert.That(KnownHostsText.Pins(entries, "[hlt.example.org]:2222"), Is.True);
        Assert.That(KnownHostsText.Pins(entries, "hlt.example.org"), Is.False, "port 22 is another name");
    }

    [Test]
    public void A_pinned_known_hosts_without_a_key_for_an_rsync_host_is_refused_naming_the_yaml_line_and_nothing_is_written()
    {
        using var work = new TempDirectory();
        var yaml = "environment:\n    knownHosts: {enabled: true, writeLocation: keys/known_hosts}\n" + DataTransfer;
        var environment = DeployFixtures.Environment(work.Path, ("config", yaml), ("knownHosts", "other.example.org ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPa63X34"));

        var error = Assert.Throws<UsageException>(() => DeployPipeline.Render(BadInputTests.Options(work.Path), environment, TextWriter.Null));

        Assert.That(error!.Message, Does.Contain("executables.dataTransfer.additionalOptions.dataTransferLocations.yale (line 9): yale.example.org has no host key in $knownHosts"));
        Assert.That(Directory.EnumerateFileSystemEntries(work.Path), Is.Empty);
    }

    [Test]
    public void A_known_hosts_secret_that_is_not_known_hosts_text_is_refused_without_printing_it()
    {
        using var work = new TempDirectory();
        var yaml = "environment:\n    knownHosts: {enabled: true, writeLocation: keys/known_hosts}\n" + DataTransfer;
        var environment = DeployFixtures.Environment(work.Path, ("config", yaml), ("knownHosts", "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n"));

        var error = Assert.Throws<UsageException>(() => DeployPipeline.Render(BadInputTests.Options(work.Path), environment, TextWriter.Null));

        Assert.That(error!.Message, Does.Contain("$knownHosts (line 2): line 1 is not a known_hosts line"));
        Assert.That(error.Message, Does.Not.Contain("PRIVATE KEY"));
    }

    [Test]
    public void A_percent_sign_in_a_credential_path_reaches_ssh_as_a_literal_percent()
    {
        var config = DeployConfigLoader.Load("environment:\n    sshKey: {enabled: true, writeLocation: \"keys/100%d/id_rsa\"}\n" + DataTransfer, Host);

        var files = ConfigRenderer.Render(config, HostSettings, new TemplateSet(RepoPaths.Templates));

        Assert.That(files.Single(f => f.Path.EndsWith("/ssh_config", StringComparison.Ordinal)).Text,
            Does.Contain("    IdentityFile /opt/overwatch/keys/100%%d/id_rsa\n"), "ssh would expand %d to the home directory");
    }

    [Test]
    public void Pinned_host_keys_the_program_cannot_read_stop_it_in_one_line_naming_the_file()
    {
        using var work = new TempDirectory();
        var yaml = "environment:\n    knownHosts: {enabled: true, writeLocation: keys/known_hosts}\n" + DataTransfer;
        var environment = DeployFixtures.Environment(work.Path, ("config", yaml), ("knownHosts", "yale.example.org ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPa63X34"));
        DeployPipeline.Render(BadInputTests.Options(work.Path), environment, TextWriter.Null);
        File.Delete(Path.Combine(work.Path, "keys", "known_hosts"));

        var result = Shell.Run("/bin/sh", [Path.Combine(work.Path, "exec", "config", "known-hosts.sh"), "22", "yale.example.org", "--", "echo", "started"]);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.StandardError.TrimEnd().Split('\n'), Is.EqualTo(new[]
            {
                $"error: cannot read the pinned host keys {work.Path}/keys/known_hosts (environment.knownHosts) as {Environment.UserName}; render them again, or make them readable by the user the programs run as; nothing was started",
            }));
            Assert.That(result.StandardOutput, Does.Not.Contain("started"));
        });
    }

    [Test]
    public void A_known_hosts_place_the_program_cannot_write_stops_it_in_one_line_naming_the_file()
    {
        RequiredProgram.Find("ssh-keyscan");
        using var work = new TempDirectory();
        var yaml = "environment:\n    knownHosts: {writeLocation: blocked/known_hosts}\n" + DataTransfer;
        DeployPipeline.Render(BadInputTests.Options(work.Path), DeployFixtures.Environment(work.Path, ("config", yaml)), TextWriter.Null);
        File.WriteAllText(Path.Combine(work.Path, "blocked"), "a file where the directory would go");

        var result = Shell.Run("/bin/sh", [Path.Combine(work.Path, "exec", "config", "known-hosts.sh"), "22", "yale.example.org", "--", "echo", "started"]);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.StandardError.TrimEnd().Split('\n'), Is.EqualTo(new[]
            {
                $"error: cannot add the ssh host key of yale.example.org port 22 to {work.Path}/blocked/known_hosts as {Environment.UserName}; make its directory writable by the user the programs run as, or pin the keys with environment.knownHosts; nothing was started",
            }));
            Assert.That(result.StandardOutput, Does.Not.Contain("started"));
        });
    }

    private static RenderSettings HostSettings => new("/opt/overwatch", "exec") { ProgramsHome = "/home/overwatch" };
}
