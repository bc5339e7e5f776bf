using NUnit.Framework;
using Overwatch.Build.Containers;
using Overwatch.Build.Infrastructure.Processes;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Containers;

/// <summary>
/// The Shell target's docker run, decision by decision: what is mounted where, which variables reach the container
/// (by name only), when it is interactive. ShellTargetTests runs it for real.
/// </summary>
public sealed class ShellCommandTests
{
    private const string Image = "docker.io/rehlers/overwatch:master-py3.6.7";

    private static ProcessSpec Shell(string? sourceDir = null, string? command = null, string? name = null, Func<string, bool>? isSet = null) =>
        ShellCommand.Create(new ShellOptions(Image, "/srv/ow/data", "/srv/ow/exec", sourceDir, command, name), isSet ?? (_ => false));

    [TestCase(null, new[] { "/srv/ow/data:/opt/overwatch/data", "/srv/ow/exec:/opt/overwatch/exec" })]
    [TestCase("/home/me/OVERWATCH", new[] { "/srv/ow/data:/opt/overwatch/data", "/srv/ow/exec:/opt/overwatch/exec", "/home/me/OVERWATCH:/opt/overwatch/overwatch" })]
    public void Data_and_exec_are_mounted_read_write_under_opt_overwatch_and_the_source_only_when_given(string? sourceDir, string[] mounts)
    {
        Assert.That(Shell(sourceDir).ValuesOf("-v"), Is.EqualTo(mounts));
    }

    [TestCase(new string[0], new string[0])]
    [TestCase(new[] { "config" }, new[] { "config" })]
    [TestCase(new[] { "sshKey", "gridKey" }, new[] { "gridKey", "sshKey" })]
    [TestCase(new[] { "config", "gridCert", "gridKey", "sshKey", "OVERWATCH_EXECUTABLES", "HOME" }, new[] { "config", "gridCert", "gridKey", "sshKey" })]
    public void Only_the_deployment_secrets_that_are_set_are_passed_and_by_name_only(string[] set, string[] passed)
    {
        var spec = Shell(isSet: set.Contains);

        Assert.That(spec.ValuesOf("-e"), Is.EquivalentTo(passed));
        Assert.That(spec.ValuesOf("-e"), Has.None.Contains("="), "-e NAME: docker reads the value from its own environment, so it is never an argument");
        Assert.That(spec.Arguments, Has.None.Contains("OVERWATCH_EXECUTABLES"), "overwatchDeploy must enable nothing by itself");
    }

    [Test]
    public void Without_a_command_it_is_an_interactive_bash_in_the_image()
    {
        var spec = Shell();

        Assert.That(spec.Has("-it"), Is.True);
        Assert.That(spec.Arguments.SkipWhile(a => a != Image), Is.EqualTo(new[] { Image, "/bin/bash" }));
    }

    [Test]
    public void A_command_runs_through_sh_without_a_terminal_so_it_works_in_CI()
    {
        var spec = Shell(command: "ls /opt/overwatch/exec && cat data/config.yaml");

        Assert.That(spec.Has("-it"), Is.False);
        Assert.That(spec.Arguments.SkipWhile(a => a != Image), Is.EqualTo(new[] { Image, "/bin/sh", "-c", "ls /opt/overwatch/exec && cat data/config.yaml" }));
    }

    [TestCase(null, new string[0])]
    [TestCase("overwatch-shell-1a2b", new[] { "overwatch-shell-1a2b" })]
    public void The_container_is_removed_when_it_ends_and_named_only_when_asked(string? name, string[] names)
    {
        var spec = Shell(name: name);

        Assert.That((spec.Program, spec.Arguments[0]), Is.EqualTo(("docker", "run")));
        Assert.That(spec.Has("--rm"), Is.True);
        Assert.That(spec.ValuesOf("--name"), Is.EqualTo(names));
    }
}
