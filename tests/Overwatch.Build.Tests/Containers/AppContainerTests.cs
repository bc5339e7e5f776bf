using NUnit.Framework;
using Overwatch.Build.Containers;
using Overwatch.Build.Infrastructure.Processes;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Containers;

/// <summary>
/// What the smoke container's commands ask docker for: a container of its own (named per run and version, labelled,
/// on no network, mounting nothing of this machine), the deployment copied to /opt/overwatch, every check inside it.
/// SmokeTestTests runs them against the engine.
/// </summary>
public sealed class AppContainerTests
{
    private const string Image = "docker.io/rehlers/overwatch:master-py3.6.7";
    private const string Name = "overwatch-smoke-py3.6.7-1a2b3c4d";
    private static readonly AppContainer Container = new(AppContainer.NameFor("3.6.7", "1a2b3c4d"), Image, "1a2b3c4d");

    [Test]
    public void Its_name_says_smoke_test_Python_version_and_run() =>
        Assert.That(Container.Name, Is.EqualTo(Name));

    [Test]
    public void It_is_created_from_the_image_under_test_labelled_with_the_run_and_the_image()
    {
        var create = Container.Create();

        Assert.That((create.Arguments[0], create.Arguments[^1]), Is.EqualTo(("create", Image)));
        Assert.That(create.ValuesOf("--name"), Is.EqualTo(new[] { Name }));
        Assert.That(create.ValuesOf("--label"), Is.EquivalentTo(new[] { "org.overwatch-build.smoke-run=1a2b3c4d", $"org.overwatch-build.smoke-image={Image}" }));
    }

    [Test]
    public void It_has_a_network_of_its_own_publishes_no_port_and_mounts_nothing_of_this_machine()
    {
        var create = Container.Create();

        Assert.That(create.ValuesOf("--network"), Is.EqualTo(new[] { "none" }));
        Assert.That(create.Arguments, Has.None.StartsWith("-p").And.None.StartsWith("--publish"));
        Assert.That(create.Arguments, Has.None.EqualTo("-v").And.None.StartsWith("--volume").And.None.StartsWith("--mount"));
    }

    [Test]
    public void The_deployment_is_streamed_into_opt_overwatch_on_standard_input_and_never_shown()
    {
        var copy = Container.CopyIn([1, 2, 3]);

        Assert.That(copy.Arguments[0], Is.EqualTo("cp"));
        Assert.That(copy.Arguments[1], Is.EqualTo("-"), "docker cp - reads a tar stream from standard input");
        Assert.That(copy.Arguments[^1], Is.EqualTo($"{Name}:/opt/overwatch"));
        Assert.That(copy.StandardInputBytes, Is.EqualTo(new byte[] { 1, 2, 3 }));
        Assert.That(copy.StandardInput, Is.Null);
    }

    [Test]
    public void Supervisord_is_asked_inside_the_container_with_the_rendered_config()
    {
        var status = Container.Status();

        Assert.That((status.Arguments[0], status.Arguments[1]), Is.EqualTo(("exec", Name)));
        Assert.That(status.Arguments, Does.Contain("supervisorctl"));
        Assert.That(status.ValuesOf("-c"), Is.EqualTo(new[] { "/opt/overwatch/exec/config/supervisord.conf" }));
        Assert.That(status.Arguments[^1], Is.EqualTo("status"));
    }

    [Test]
    public void The_request_is_sent_from_inside_the_container_to_its_own_loopback()
    {
        var get = Container.Get("http://127.0.0.1:8080/", "dev.example.org", TimeSpan.FromSeconds(7.5));

        Assert.That((get.Arguments[0], get.Arguments[1]), Is.EqualTo(("exec", Name)));
        Assert.That(get.Arguments, Does.Contain("http://127.0.0.1:8080/").And.Contain("dev.example.org").And.Contain("7.5"));
    }

    private static IEnumerable<TestCaseData> ContainerCommands()
    {
        yield return new TestCaseData(Container.Start(), "start").SetArgDisplayNames("start");
        yield return new TestCaseData(Container.State(), "inspect").SetArgDisplayNames("state");
        yield return new TestCaseData(Container.Logs(30), "logs").SetArgDisplayNames("logs");
        yield return new TestCaseData(Container.Remove(), "rm").SetArgDisplayNames("remove");
    }

    [TestCaseSource(nameof(ContainerCommands))]
    public void Every_other_command_names_this_container(ProcessSpec spec, string verb)
    {
        Assert.That((spec.Program, spec.Arguments[0], spec.Arguments[^1]), Is.EqualTo(("docker", verb, Name)));
    }

    [Test]
    public void The_log_is_read_from_its_last_lines()
    {
        Assert.That(Container.Logs(30).ValuesOf("--tail"), Is.EqualTo(new[] { "30" }));
    }

    [Test]
    public void Removal_stops_it_and_takes_its_anonymous_volumes_along()
    {
        var remove = Container.Remove();

        Assert.That(remove.Has("--force"), Is.True, "rm --force stops a running container first");
        Assert.That(remove.Has("--volumes"), Is.True);
    }
}
