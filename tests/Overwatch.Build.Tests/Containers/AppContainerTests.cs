using NUnit.Framework;
using Overwatch.Build.Containers;

namespace Overwatch.Build.Tests.Containers;

/// <summary>The smoke container's docker commands, argument by argument.</summary>
public sealed class AppContainerTests
{
    private static readonly AppContainer Container = new(AppContainer.NameFor("3.6.7", "1a2b3c4d"), "docker.io/rehlers/overwatch:master-py3.6.7", "1a2b3c4d");

    [Test]
    public void Create_makes_it_labelled_on_a_network_of_its_own_and_mounts_nothing_of_this_machine()
    {
        Assert.That(Container.Create().Program, Is.EqualTo("docker"));
        Assert.That(Container.Create().Arguments, Is.EqualTo(new[]
        {
            "create", "--name", "overwatch-smoke-py3.6.7-1a2b3c4d", "--network", "none",
            "--label", "org.overwatch-build.smoke-run=1a2b3c4d", "--label", "org.overwatch-build.smoke-image=docker.io/rehlers/overwatch:master-py3.6.7",
            "docker.io/rehlers/overwatch:master-py3.6.7",
        }));
    }

    [Test]
    public void CopyIn_streams_the_archive_into_the_deployment_root_and_never_shows_it()
    {
        var copy = Container.CopyIn([1, 2, 3]);

        Assert.That(copy.Arguments, Is.EqualTo(new[] { "cp", "-", "overwatch-smoke-py3.6.7-1a2b3c4d:/opt/overwatch" }));
        Assert.That(copy.StandardInputBytes, Is.EqualTo(new byte[] { 1, 2, 3 }));
        Assert.That(copy.Display, Is.EqualTo("docker cp - overwatch-smoke-py3.6.7-1a2b3c4d:/opt/overwatch"));
        Assert.That(Container.Start().Arguments, Is.EqualTo(new[] { "start", "overwatch-smoke-py3.6.7-1a2b3c4d" }));
    }

    [Test]
    public void Get_sends_the_request_from_inside_the_container()
    {
        var get = Container.Get("http://127.0.0.1:8080/", "dev.example.org", TimeSpan.FromSeconds(7.5));

        Assert.That(get.Arguments.Take(5), Is.EqualTo(new[] { "exec", "overwatch-smoke-py3.6.7-1a2b3c4d", "sh", "-c", SmokeHttpGet.Script }));
        Assert.That(get.Arguments.Skip(5), Is.EqualTo(new[] { "http-get", "http://127.0.0.1:8080/", "dev.example.org", "7.5" }));
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
