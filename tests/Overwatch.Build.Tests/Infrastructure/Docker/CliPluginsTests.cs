using NUnit.Framework;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Infrastructure.Docker;

/// <summary>Where the docker CLI finds plugins, in its order, and whether buildx is among them.</summary>
public sealed class CliPluginsTests
{
    [Test]
    public void Extra_directories_come_first_then_the_config_directorys_then_the_systems()
    {
        var directories = CliPlugins.Directories("/home/u/.docker", """{"cliPluginsExtraDirs":["/opt/a","/opt/b"]}""");

        Assert.That(directories.Take(3), Is.EqualTo(new[] { "/opt/a", "/opt/b", "/home/u/.docker/cli-plugins" }));
        Assert.That(directories.Skip(3), Is.EqualTo(CliPlugins.SystemDirectories));
    }

    [TestCase(null)]
    [TestCase("not json")]
    [TestCase("""{"cliPluginsExtraDirs":"/opt/a"}""")]
    public void A_config_without_a_readable_list_adds_no_extra_directory(string? config) =>
        Assert.That(CliPlugins.ExtraDirectories(config), Is.Empty);

    [TestCase(0b111_101_101, true)]
    [TestCase(0b110_100_100, false)]
    public void A_plugin_counts_when_the_CLI_can_execute_it(int mode, bool installed)
    {
        using var user = new TempDirectory("owb-user-docker");
        Directory.CreateDirectory(user.Combine("cli-plugins"));
        File.WriteAllText(user.Combine("cli-plugins", "docker-owbprobe"), "#!/bin/sh\n");
        File.SetUnixFileMode(user.Combine("cli-plugins", "docker-owbprobe"), (UnixFileMode)mode);

        Assert.That(CliPlugins.Installed("owbprobe", new Dictionary<string, string?> { ["DOCKER_CONFIG"] = user.Path }), Is.EqualTo(installed));
    }

    [Test]
    public void A_plugin_in_an_extra_directory_of_the_users_config_counts()
    {
        using var user = new TempDirectory("owb-user-docker");
        using var extra = new TempDirectory("owb-plugins");
        File.WriteAllText(extra.Combine("docker-owbprobe"), "#!/bin/sh\n");
        File.SetUnixFileMode(extra.Combine("docker-owbprobe"), (UnixFileMode)0b111_101_101);
        File.WriteAllText(user.Combine("config.json"), $$"""{"cliPluginsExtraDirs":["{{extra.Path}}"]}""");

        Assert.That(CliPlugins.Installed("owbprobe", new Dictionary<string, string?> { ["DOCKER_CONFIG"] = user.Path }), Is.True);
        Assert.That(CliPlugins.Installed("owbnone", new Dictionary<string, string?> { ["DOCKER_CONFIG"] = user.Path }), Is.False);
    }
}
