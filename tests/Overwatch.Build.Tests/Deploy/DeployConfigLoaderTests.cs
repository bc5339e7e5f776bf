using NUnit.Framework;
using Overwatch.Build.Deploy;
using Overwatch.Build.Yaml;
using Overwatch.Build.Deploy.Model;

namespace Overwatch.Build.Tests.Deploy;

public class DeployConfigLoaderTests
{
    private static readonly Dictionary<string, string?> Environment = new() { ["PWD"] = "/opt/overwatch", ["HOME"] = "/home/user" };

    [Test]
    public void Merges_of_merges_apply_with_explicit_keys_winning()
    {
        var yaml = """
            a: &a
                enabled: false
                port: 1
            b: &b
                <<: *a
                port: 2
                address: "10.0.0.1"
            executables:
                zodb:
                    <<: *b
                    enabled: true
            """;

        var zodb = DeployConfigLoader.Load(yaml, Environment).Executables.Single();

        Assert.That((zodb.Enabled, zodb.Zodb!.Port, zodb.Zodb.Address), Is.EqualTo((true, 2, "10.0.0.1")));
    }

    [Test]
    public void Of_several_merged_maps_the_first_wins()
    {
        var problems = new List<YamlProblem>();

        var root = (YamlMap)YamlTreeReader.Read("x: &x {port: 1}\ny: &y {port: 2}\nz:\n    <<: [*x, *y]\n", Environment, problems)!;

        Assert.That(((YamlScalar)((YamlMap)root["z"]!)["port"]!).Text, Is.EqualTo("1"));
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void ExpandVars_expands_known_variables_and_leaves_unknown_ones()
    {
        var config = DeployConfigLoader.Load("environment:\n    zmqReceiver:\n        path: !expandVars \"${PWD}/bin:$UNKNOWN\"\nexecutables: {}\n", Environment);

        Assert.That(config.Environment.ZmqReceiverPath, Is.EqualTo("/opt/overwatch/bin:$UNKNOWN"));
    }

    [Test]
    public void Null_keys_are_accepted_and_ignored()
    {
        var config = DeployConfigLoader.Load("executables:\n    processing:\n        enabled: true\n        additionalOptions:\n            null: null\n", Environment);

        Assert.That(config.Executables.Single().AdditionalOptions!.Entries.Single().Key.IsNull, Is.True);
    }

    [Test]
    public void OVERWATCH_EXECUTABLES_enables_executables_by_name()
    {
        var environment = new Dictionary<string, string?>(Environment) { [DeployConfigLoader.ExecutablesVariable] = " processing , dataReplay" };

        var config = DeployConfigLoader.Load("executables:\n    processing: {}\n    dataReplay:\n    receiverMonitor: {}\n", environment);

        Assert.That(config.EnabledExecutables.Select(e => e.Name), Is.EqualTo(new[] { "processing", "dataReplay" }));
    }

    [Test]
    public void The_model_exposes_what_later_targets_need()
    {
        var config = DeployConfigLoader.Load(File.ReadAllText(DeployFixtures.ExampleConfig), Environment);

        Assert.Multiple(() =>
        {
            Assert.That(config.Supervisor, Is.True);
            Assert.That(config.Control.ServerUrl, Is.EqualTo("http://127.0.0.1:9001"));
            Assert.That(config.Nginx?.Site.WebAppName, Is.EqualTo("webApp"));
            Assert.That(DeployConfig.SupervisordConfPath("exec"), Is.EqualTo("exec/config/supervisord.conf"));
            Assert.That(config.Executables.Select(e => (e.Name, e.Kind)).First(), Is.EqualTo(("zodb", ExecutableKind.Zodb)));
            Assert.That(config.DatabaseLocation, Is.EqualTo("zeo://127.0.0.1:2345"));
        });
    }
}
