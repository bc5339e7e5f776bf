using NUnit.Framework;
using Overwatch.Build.Deploy;
using Overwatch.Build.Inputs;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Deploy;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class DeployPipelineTests
{
    private const string TwoPrograms = """
        supervisor: true
        executables:
            processing:
                enabled: true
            dataReplay:
                enabled: true
        """;

    [Test]
    public void Rendering_twice_leaves_identical_bytes()
    {
        using var work = new TempDirectory();
        DeployFixtures.MakeExecLayout(work.Path);
        var environment = DeployFixtures.Environment(work.Path, ("config", TwoPrograms));

        DeployPipeline.Render(BadInputTests.Options(work.Path), environment, TextWriter.Null);
        var first = DeployFixtures.Snapshot(work.Path);
        var second = DeployPipeline.Render(BadInputTests.Options(work.Path), environment, TextWriter.Null);

        Assert.That(DeployFixtures.Snapshot(work.Path), Is.EqualTo(first));
        Assert.That(second.WrittenFiles, Is.Empty);
    }

    [Test]
    public void A_program_removed_from_the_yaml_disappears_from_supervisord_conf()
    {
        using var work = new TempDirectory();
        var options = BadInputTests.Options(work.Path);
        DeployPipeline.Render(options, DeployFixtures.Environment(work.Path, ("config", TwoPrograms)), TextWriter.Null);

        DeployPipeline.Render(options, DeployFixtures.Environment(work.Path, ("config", TwoPrograms.Replace("dataReplay", "receiverMonitor"))), TextWriter.Null);

        var conf = File.ReadAllText(work.Combine("exec", "config", "supervisord.conf"));
        Assert.That(conf, Does.Not.Contain("dataReplay"));
        Assert.That(conf.Split("[program:processing]").Length, Is.EqualTo(2), "processing appears once");
        Assert.That(conf, Does.Contain("[program:overwatchReceiverMonitor]"));
    }

    [Test]
    public void A_file_no_longer_rendered_is_removed_but_secrets_and_other_files_stay()
    {
        using var work = new TempDirectory();
        var options = BadInputTests.Options(work.Path);
        var withWebApp = File.ReadAllText(DeployFixtures.ExampleConfig).Replace("basePath: \"exec/nginx\"", "basePath: \"nginx\"");
        DeployPipeline.Render(options, DeployFixtures.Environment(work.Path, ("config", withWebApp)), TextWriter.Null);
        var uwsgi = work.Combine("exec", "config", "webApp_uwsgi.yaml");
        var site = work.Combine("nginx", "sites-enabled", "webAppNginx.conf");
        File.WriteAllText(work.Combine("exec", "config", "mine.txt"), "not rendered by us\n");
        Assert.That(File.Exists(uwsgi) && File.Exists(site), Is.True);
        var log = new StringWriter();

        DeployPipeline.Render(options, DeployFixtures.Environment(work.Path, ("config", TwoPrograms)), log);

        Assert.That(File.Exists(uwsgi), Is.False);
        Assert.That(File.Exists(site), Is.False, "a disabled nginx site must not keep routing");
        Assert.That(File.Exists(work.Combine("exec", "config", "mine.txt")), Is.True);
        Assert.That(log.ToString(), Does.Contain("Removed exec/config/webApp_uwsgi.yaml (no longer rendered)"));
    }

    [Test]
    public void Reads_the_yaml_from_a_file_and_logs_what_it_wrote()
    {
        using var work = new TempDirectory();
        File.WriteAllText(work.Combine("deploy.yaml"), TwoPrograms);
        var log = new StringWriter();

        var result = DeployPipeline.Render(BadInputTests.Options(work.Path, path: "deploy.yaml"), DeployFixtures.Environment(work.Path), log);

        Assert.That(result.WrittenFiles, Is.EquivalentTo(new[] { work.Combine("exec", "config", "supervisord.conf"), work.Combine("config.yaml") }));
        Assert.That(log.ToString(), Does.Contain("Wrote exec/config/supervisord.conf"));
        Assert.That(result.Config.Executables.Select(e => e.Name), Is.EqualTo(new[] { "processing", "dataReplay" }));
    }

    [Test]
    public void Reads_the_yaml_from_a_named_variable()
    {
        using var work = new TempDirectory();

        var result = DeployPipeline.Render(BadInputTests.Options(work.Path, variable: "deployYaml"),
            DeployFixtures.Environment(work.Path, ("deployYaml", TwoPrograms)), TextWriter.Null);

        Assert.That(result.Config.Supervisor, Is.True);
    }

    [Test]
    public void Both_a_file_and_a_variable_is_an_error()
    {
        using var work = new TempDirectory();

        var error = Assert.Throws<UsageException>(() => DeployPipeline.Render(BadInputTests.Options(work.Path, path: "x.yaml", variable: "config"),
            DeployFixtures.Environment(work.Path), TextWriter.Null));

        Assert.That(error!.Message, Does.Contain("--deploy-config").And.Contain("--deploy-config-env").And.Contain("only one"));
    }

    [Test]
    public void Neither_a_file_nor_the_variable_is_an_error_naming_both()
    {
        using var work = new TempDirectory();

        var error = Assert.Throws<UsageException>(() => DeployPipeline.Render(BadInputTests.Options(work.Path), DeployFixtures.Environment(work.Path), TextWriter.Null));

        Assert.That(error!.Message, Does.Contain("--deploy-config").And.Contain("'config'"));
    }

    [Test]
    public void A_missing_file_is_an_error_naming_it()
    {
        using var work = new TempDirectory();

        var error = Assert.Throws<UsageException>(() => DeployPipeline.Render(BadInputTests.Options(work.Path, path: "nope.yaml"), DeployFixtures.Environment(work.Path), TextWriter.Null));

        Assert.That(error!.Message, Does.Contain("--deploy-config").And.Contain("nope.yaml"));
    }

    [Test]
    public void Credentials_make_supervisord_conf_private()
    {
        using var work = new TempDirectory();
        var yaml = TwoPrograms + "\nsupervisorControl:\n    username: \"admin\"\n    password: \"pw\"\n";

        DeployPipeline.Render(BadInputTests.Options(work.Path), DeployFixtures.Environment(work.Path, ("config", yaml)), TextWriter.Null);

        Assert.That(File.GetUnixFileMode(work.Combine("exec", "config", "supervisord.conf")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }
}
