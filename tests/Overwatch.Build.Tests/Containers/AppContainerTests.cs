using NUnit.Framework;
using Overwatch.Build.Containers;

namespace Overwatch.Build.Tests.Containers;

/// <summary>The smoke container's docker commands, argument by argument.</summary>
public sealed class AppContainerTests
{
    private static readonly AppContainer Container = new(AppContainer.NameFor("3.6.7", "1a2b3c4d"),
        "docker.io/rehlers/overwatch:master-py3.6.7", "1a2b3c4d", "/tmp/overwatch-smoke-py3.6.7-x/exec", "/tmp/overwatch-smoke-py3.6.7-x/config.yaml");

    [Test]
    public void Run_starts_it_detached_on_the_host_network_with_the_rendered_files_where_the_start_command_looks()
    {
        Assert.That(Container.Run().Program, Is.EqualTo("docker"));
        Assert.That(Container.Run().Arguments, Is.EqualTo(new[]
        {
            "run", "--detach", "--name", "overwatch-smoke-py3.6.7-1a2b3c4d", "--network", "host",
            "--label", "org.overwatch-build.smoke-run=1a2b3c4d", "--label", "org.overwatch-build.smoke-image=docker.io/rehlers/overwatch:master-py3.6.7",
            "--volume", "/tmp/overwatch-smoke-py3.6.7-x/exec:/opt/overwatch/exec",
            "--volume", "/tmp/overwatch-smoke-py3.6.7-x/config.yaml:/opt/overwatch/config.yaml:ro",
            "docker.io/rehlers/overwatch:master-py3.6.7",
        }));
    }

    [Test]
    public void Status_asks_the_supervisord_of_the_rendered_config()
    {
        Assert.That(Container.Status().Arguments, Is.EqualTo(new[]
        {
            "exec", "overwatch-smoke-py3.6.7-1a2b3c4d", "supervisorctl", "-c", "/opt/overwatch/exec/config/supervisord.conf", "status",
        }));
    }

    [Test]
    public void State_logs_and_removal_name_the_container()
    {
        Assert.That(Container.State().Arguments, Is.EqualTo(new[] { "inspect", "--format", "{{.State.Status}} {{.State.ExitCode}}", "overwatch-smoke-py3.6.7-1a2b3c4d" }));
        Assert.That(Container.Logs(30).Arguments, Is.EqualTo(new[] { "logs", "--tail", "30", "overwatch-smoke-py3.6.7-1a2b3c4d" }));
        Assert.That(Container.Remove().Arguments, Is.EqualTo(new[] { "rm", "--force", "--volumes", "overwatch-smoke-py3.6.7-1a2b3c4d" }));
    }
}
