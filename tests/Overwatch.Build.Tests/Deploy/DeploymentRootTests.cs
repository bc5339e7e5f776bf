using NUnit.Framework;
using Overwatch.Build.Deploy;
using Overwatch.Build.Inputs;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Deploy;

/// <summary>
/// Relative paths belong to the deployment root, the directory that holds the exec directory; with
/// --deployment-root the configs name the programs' view of it (/opt/overwatch in a container) while
/// the files are written here, for mounting.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class DeploymentRootTests
{
    private const string WebAppAndProcessing = """
        supervisor: true
        executables:
            processing:
                enabled: true
            webApp:
                enabled: true
                additionalOptions: {databaseLocation: "zeo://127.0.0.1:2345"}
                uwsgi: {enabled: true, module: overwatch.webApp.run, uwsgi-socket: "exec/sockets/{name}.sock"}
                nginx: {enabled: true, webAppName: webApp, basePath: NGINX_BASE, listen: "127.0.0.1:8080"}
        """;

    [Test]
    public void An_exec_directory_outside_the_checkout_takes_config_yaml_with_it()
    {
        using var work = new TempDirectory();
        var checkout = Directory.CreateDirectory(work.Combine("checkout")).FullName;

        DeployPipeline.Render(Options(checkout, work.Combine("deploy", "exec")),
            DeployFixtures.Environment(checkout, ("config", Yaml("exec/nginx"))), TextWriter.Null);

        Assert.That(File.Exists(work.Combine("deploy", "config.yaml")), Is.True, "config.yaml beside the exec directory");
        Assert.That(Directory.EnumerateFileSystemEntries(checkout), Is.Empty, "nothing written into the checkout");
        Assert.That(File.ReadAllText(work.Combine("deploy", "exec", "config", "supervisord.conf")),
            Does.Contain($"directory = {work.Combine("deploy")}\n"));
    }

    [Test]
    public void With_a_deployment_root_the_configs_name_the_containers_paths()
    {
        using var work = new TempDirectory();
        var checkout = Directory.CreateDirectory(work.Combine("checkout")).FullName;

        DeployPipeline.Render(Options(checkout, work.Combine("deploy", "exec"), "/opt/overwatch"),
            DeployFixtures.Environment(checkout, ("config", Yaml("exec/nginx"))), TextWriter.Null);

        var supervisord = File.ReadAllText(work.Combine("deploy", "exec", "config", "supervisord.conf"));
        var uwsgi = File.ReadAllText(work.Combine("deploy", "exec", "config", "webApp_uwsgi.yaml"));
        var nginx = File.ReadAllText(work.Combine("deploy", "exec", "config", "nginx.conf"));
        var site = File.ReadAllText(work.Combine("deploy", "exec", "nginx", "sites-enabled", "webAppNginx.conf"));
        Assert.Multiple(() =>
        {
            Assert.That(supervisord, Does.Contain("childlogdir = /opt/overwatch/exec/logs\n"));
            Assert.That(supervisord, Does.Contain("command = uwsgi --yaml /opt/overwatch/exec/config/webApp_uwsgi.yaml\n"));
            Assert.That(supervisord, Does.Contain("command = /usr/sbin/nginx -c /opt/overwatch/exec/config/nginx.conf\n"));
            Assert.That(uwsgi, Does.Contain("uwsgi-socket: \"/opt/overwatch/exec/sockets/webApp_uwsgi.sock\""));
            Assert.That(nginx, Does.Contain("include /opt/overwatch/exec/nginx/sites-enabled/webAppNginx.conf;"));
            Assert.That(site, Does.Contain("listen 127.0.0.1:8080 default_server;"));
            Assert.That(site, Does.Contain("uwsgi_pass unix:/opt/overwatch/exec/sockets/webApp_uwsgi.sock;"));
            Assert.That(File.Exists(work.Combine("deploy", "config.yaml")), Is.True);
            Assert.That(Directory.Exists(work.Combine("deploy", "exec", "nginx-temp")), Is.True, "nginx's temporary files go there");
            Assert.That(string.Join("", supervisord, uwsgi, nginx, site), Does.Not.Contain(work.Path), "no host path in a config");
        });
    }

    [Test]
    public void With_a_deployment_root_a_file_outside_it_is_refused_and_nothing_is_written()
    {
        using var work = new TempDirectory();
        var checkout = Directory.CreateDirectory(work.Combine("checkout")).FullName;

        var error = Assert.Throws<UsageException>(() => DeployPipeline.Render(Options(checkout, work.Combine("deploy", "exec"), "/opt/overwatch"),
            DeployFixtures.Environment(checkout, ("config", Yaml("/etc/nginx"))), TextWriter.Null));

        Assert.That(error!.Message, Does.Contain("executables.webApp.nginx.basePath (line 9): /etc/nginx is outside the container's deployment root /opt/overwatch, " +
            "so nginx would never read the site rendered there: use a relative path, e.g. basePath: \"exec/nginx\""));
        Assert.That(Directory.Exists(work.Combine("deploy", "exec", "config")), Is.False);
    }

    // Compose --network=host and the smoke test render for /opt/overwatch themselves: only RenderConfig's user passed the flag.
    [TestCase(true, "--deployment-root /opt/overwatch")]
    [TestCase(false, "the container's deployment root /opt/overwatch")]
    public void A_default_base_path_outside_the_root_names_the_nginx_section_and_only_a_flag_the_user_passed(bool given, string root)
    {
        using var work = new TempDirectory();
        var checkout = Directory.CreateDirectory(work.Combine("checkout")).FullName;
        var yaml = WebAppAndProcessing.Replace("basePath: NGINX_BASE, ", "");

        var error = Assert.Throws<UsageException>(() => DeployPipeline.Render(
            Options(checkout, work.Combine("deploy", "exec"), "/opt/overwatch") with { DeploymentRootGiven = given },
            DeployFixtures.Environment(checkout, ("config", yaml)), TextWriter.Null));

        Assert.That(error!.Message, Is.EqualTo("the deploy configuration has 1 problem:" + Environment.NewLine +
            $"  executables.webApp.nginx.basePath (line 9): /etc/nginx (the default) is outside {root}, so nginx would never read the site rendered there: " +
            "use a relative path, e.g. basePath: \"exec/nginx\""));
    }

    [Test]
    public void With_a_deployment_root_the_default_secrets_land_in_the_programs_home_under_exec_never_in_this_machines_home()
    {
        using var work = new TempDirectory();
        var checkout = Directory.CreateDirectory(work.Combine("checkout")).FullName;
        var yaml = Yaml("exec/nginx") + "\nenvironment:\n    sshKey: {enabled: true}\n    gridCert: {enabled: true}\n";
        var environment = DeployFixtures.Environment(checkout, ("config", yaml), ("sshKey", "not a real key"), ("gridCert", "not a real cert"));

        DeployPipeline.Render(Options(checkout, work.Combine("deploy", "exec"), "/opt/overwatch"), environment, TextWriter.Null);

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(work.Combine("deploy", "exec", "home", ".ssh", "id_rsa")), Is.EqualTo("not a real key\n"));
            Assert.That(File.ReadAllText(work.Combine("deploy", "exec", "home", ".globus", "usercert.pem")), Is.EqualTo("not a real cert\n"));
            Assert.That(Directory.Exists(Path.Combine(checkout, "home")), Is.False, "this machine's HOME is untouched");
        });
    }

    [Test]
    public void With_a_deployment_root_a_secret_outside_it_is_refused_without_its_value()
    {
        using var work = new TempDirectory();
        var checkout = Directory.CreateDirectory(work.Combine("checkout")).FullName;
        var yaml = Yaml("exec/nginx") + "\nenvironment:\n    sshKey: {enabled: true, writeLocation: \"/etc/ssh/id_rsa\"}\n";
        var environment = DeployFixtures.Environment(checkout, ("config", yaml), ("sshKey", "not a real key"));

        var error = Assert.Throws<UsageException>(() => DeployPipeline.Render(Options(checkout, work.Combine("deploy", "exec"), "/opt/overwatch"),
            environment, TextWriter.Null));

        Assert.That(error!.Message, Does.Contain("environment.sshKey.writeLocation"));
        Assert.That(error.Message, Does.Contain("/etc/ssh/id_rsa is outside the container's deployment root /opt/overwatch"));
        Assert.That(error.Message, Does.Not.Contain("not a real key"));
        Assert.That(Directory.Exists(work.Combine("deploy", "exec")), Is.False, "nothing written");
    }

    [Test]
    public void With_a_deployment_root_a_relative_secret_lands_beside_the_configs_with_mode_0600()
    {
        using var work = new TempDirectory();
        var checkout = Directory.CreateDirectory(work.Combine("checkout")).FullName;
        var yaml = Yaml("exec/nginx") + "\nenvironment:\n    sshKey: {enabled: true, writeLocation: \"exec/secrets/sshKey\"}\n";
        var environment = DeployFixtures.Environment(checkout, ("config", yaml), ("sshKey", "not a real key"));

        DeployPipeline.Render(Options(checkout, work.Combine("deploy", "exec"), "/opt/overwatch"), environment, TextWriter.Null);

        var secret = work.Combine("deploy", "exec", "secrets", "sshKey");
        Assert.That(File.ReadAllText(secret), Is.EqualTo("not a real key\n"));
        Assert.That(File.GetUnixFileMode(secret), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public void With_a_deployment_root_the_programs_home_and_its_credentials_are_readable_by_their_owner_only()
    {
        using var work = new TempDirectory();
        var checkout = Directory.CreateDirectory(work.Combine("checkout")).FullName;
        var yaml = Yaml("exec/nginx") + "\nenvironment:\n    sshKey: {enabled: true}\n    knownHosts: {enabled: true}\n    gridCert: {enabled: true}\n    gridKey: {enabled: true}\n";
        var environment = DeployFixtures.Environment(checkout, ("config", yaml), ("sshKey", "not a real key"), ("gridCert", "CERT"), ("gridKey", "KEY"),
            ("knownHosts", "yale.example.org ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPa63X34"));

        DeployPipeline.Render(Options(checkout, work.Combine("deploy", "exec"), "/opt/overwatch"), environment, TextWriter.Null);

        var home = work.Combine("deploy", "exec", "home");
        var modes = new[] { "", ".ssh", ".globus", ".ssh/id_rsa", ".ssh/known_hosts", ".globus/usercert.pem", ".globus/userkey.pem" }
            .ToDictionary(p => p, p => File.GetUnixFileMode(Path.Combine(home, p)) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute));
        Assert.That(modes.Where(m => m.Value != 0).Select(m => $"{m.Key}: {m.Value}"), Is.Empty);
    }

    [Test]
    public void With_a_deployment_root_PWD_in_the_yaml_is_the_programs_working_directory()
    {
        using var work = new TempDirectory();
        var checkout = Directory.CreateDirectory(work.Combine("checkout")).FullName;
        const string receiver = "supervisor: true\nenvironment:\n    zmqReceiver: {enabled: true}\nexecutables:\n    zmqReceiver_EMC: {enabled: true, localPort: 23456}\n";

        DeployPipeline.Render(Options(checkout, work.Combine("deploy", "exec"), "/opt/overwatch"),
            DeployFixtures.Environment(checkout, ("config", receiver)), TextWriter.Null);

        Assert.That(File.ReadAllText(work.Combine("deploy", "exec", "config", "supervisord.conf")),
            Does.Contain("environment = PATH=\"/opt/overwatch/receiver/bin:%(ENV_PATH)s\""));
    }

    [Test]
    public void A_relative_deployment_root_is_refused()
    {
        using var work = new TempDirectory();

        var error = Assert.Throws<UsageException>(() => DeployPipeline.Render(Options(work.Path, work.Combine("exec"), "opt/overwatch"),
            DeployFixtures.Environment(work.Path, ("config", Yaml("exec/nginx"))), TextWriter.Null));

        Assert.That(error!.Message, Does.StartWith("--deployment-root 'opt/overwatch' is relative"));
    }

    private static string Yaml(string nginxBase) => WebAppAndProcessing.Replace("NGINX_BASE", nginxBase);

    private static RenderConfigOptions Options(string checkout, string execDir, string? deploymentRoot = null) =>
        new(null, null, execDir, RepoPaths.Templates, checkout, Force: false, deploymentRoot);
}
