using NUnit.Framework;
using Overwatch.Build.Tests.Infra;
using YamlDotNet.RepresentationModel;

namespace Overwatch.Build.Tests.EndToEnd;

/// <summary>./build.sh --target=Compose: the compose tool accepts the file and it publishes exactly the expected addresses.</summary>
[TestFixture, Category("EndToEnd"), NonParallelizable]
public sealed class ComposeTargetTests
{
    private TempDirectory work = null!;

    [SetUp]
    public void CreateWorkDirectory() => work = new TempDirectory("owb-compose");

    [TearDown]
    public void RemoveWorkDirectory() => work.Dispose();

    [Test]
    public void Defaults_PublishTheProxyOnAllInterfacesAndOverwatchOnLoopback()
    {
        var result = Compose(new());

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(PublishedPorts(), Is.EqualTo(new Dictionary<string, string[]>
        {
            ["nginx-proxy"] = ["0.0.0.0:80:80/tcp"],
            ["overwatch"] = ["127.0.0.1:8080:80/tcp"],
        }));
    }

    [Test]
    public void SeedVariables_MoveTheAddressesAndPorts()
    {
        var result = Compose(new() { ["externalIP"] = "192.0.2.10", ["externalPort"] = "9000", ["nginxIP"] = "127.0.0.2", ["nginxPort"] = "8081" });

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(PublishedPorts(), Is.EqualTo(new Dictionary<string, string[]>
        {
            ["nginx-proxy"] = ["127.0.0.2:8081:80/tcp"],
            ["overwatch"] = ["192.0.2.10:9000:80/tcp"],
        }));
    }

    [Test]
    public void SecretsArePassedByNameAndNeverWritten()
    {
        const string key = "-----BEGIN OPENSSH PRIVATE KEY-----compose-test-5e2a";

        var result = Compose(new() { ["sshKey"] = key, ["config"] = "supervisor: false\nexecutables: {}\n" });

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        var file = File.ReadAllText(ComposeFile);
        Assert.That(file, Does.Contain("- \"sshKey\"").And.Contain("- \"config\""));
        Assert.That(file + result.AllOutput, Does.Not.Contain(key));
    }

    [Test]
    public void BadAddress_FailsWithOneLineAndWritesNothing()
    {
        var result = Compose(new() { ["externalIP"] = "my-server" });

        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        Assert.That(result.StandardError, Does.Contain("externalIP='my-server' is not an IPv4 address"));
        Assert.That(File.Exists(ComposeFile), Is.False);
    }

    [Test]
    public void ImageArgument_IsTheImageOverwatchRuns()
    {
        var result = Compose(new(), "--image=127.0.0.1:5000/kit/overwatch-kit:py3.6.7");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(File.ReadAllText(ComposeFile), Does.Contain("127.0.0.1:5000/kit/overwatch-kit:py3.6.7"));
        Assert.That(File.ReadAllText(ComposeFile), Does.Not.Contain("overwatch:master-py3.6.7"));
    }

    private string ComposeFile => work.Combine("docker-compose.yml");

    private CommandResult Compose(Dictionary<string, string?> env, params string[] extra)
    {
        RequiredProgram.Find("docker-compose");
        return BuildScript.Run(["--target=Compose", "--branch=master", "--python-version=3.6.7", "--virtual-host=dev.example.org",
            $"--exec-dir={work.Combine("exec")}", $"--data-dir={work.Combine("data")}", $"--compose-file={ComposeFile}", .. extra], env);
    }

    /// <summary>The ports of every service as the compose tool itself reads them.</summary>
    private Dictionary<string, string[]> PublishedPorts()
    {
        var config = Shell.Run("docker-compose", "--file", ComposeFile, "config");
        Assert.That(config.ExitCode, Is.EqualTo(0), config.ToString());
        var yaml = new YamlStream();
        yaml.Load(new StringReader(config.StandardOutput));
        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
        return services.Children.ToDictionary(
            s => ((YamlScalarNode)s.Key).Value!,
            s => ((YamlMappingNode)s.Value).Children.TryGetValue(new YamlScalarNode("ports"), out var ports)
                ? ((YamlSequenceNode)ports).Children.Select(Port).ToArray()
                : []);
    }

    // docker-compose prints "IP:PUBLISHED:TARGET/PROTOCOL"; the compose plugin prints the long form.
    private static string Port(YamlNode node) => node is YamlMappingNode map
        ? $"{map["host_ip"]}:{map["published"]}:{map["target"]}/{map["protocol"]}"
        : ((YamlScalarNode)node).Value!;
}
