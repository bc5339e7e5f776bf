using NUnit.Framework;
using Overwatch.Build.Containers;
using Overwatch.Build.Deploy;
using Overwatch.Build.Deploy.Rendering;
using Overwatch.Build.Inputs;
using Overwatch.Build.Tests.Infra;
using Overwatch.Build.Deploy.Model;

namespace Overwatch.Build.Tests.Containers;

/// <summary>Compose --network=host as data: the services, their ports on the shared host, health from supervisorctl, the compose file.</summary>
public sealed class HostStackTests
{
    private static readonly ComposeNetwork Network = new("127.0.0.1", 8080, "0.0.0.0", 80);

    [TestCase(null, StackNetwork.Bridge)]
    [TestCase("bridge", StackNetwork.Bridge)]
    [TestCase("host", StackNetwork.Host)]
    [TestCase("HOST", StackNetwork.Host)]
    public void Network_modes(string? value, StackNetwork expected) => Assert.That(StackNetworks.Parse(value), Is.EqualTo(expected));

    [Test]
    public void An_unknown_network_mode_is_one_clear_line()
    {
        var error = Assert.Throws<UsageException>(() => StackNetworks.Parse("overlay"));

        Assert.That(error!.Message, Is.EqualTo("--network=overlay is not a network mode: use --network=bridge (nginx-proxy, the default) or --network=host"));
    }

    [Test]
    public void Without_containers_one_service_runs_what_the_yaml_enables()
    {
        var plan = HostStackPlan.Create("img", "/srv/data", "/srv/exec/docker-compose.yml", Load(Web("127.0.0.1:8080")));

        Assert.That(plan.Services, Is.EqualTo(new[] { new HostService("overwatch", null, "/srv/exec/stack/overwatch", 0) }));
        Assert.That(plan.StackDir, Is.EqualTo("/srv/exec/stack"));
    }

    [Test]
    public void Each_container_is_a_service_with_its_own_folder_and_supervisor_control_port()
    {
        var config = Load(ComposePlanTests.SplitDeployment("web: [webApp, zodb]", "workers: [processing]"));

        var plan = HostStackPlan.Create("img", "/d", "/srv/exec/docker-compose.yml", config);

        Assert.That(plan.Services, Is.EqualTo(new[]
        {
            new HostService("web", "webApp,zodb", "/srv/exec/stack/web", 0),
            new HostService("workers", "processing", "/srv/exec/stack/workers", 1),
        }));
        Assert.That(plan.Services[1].ExecDir, Is.EqualTo("/srv/exec/stack/workers/exec"));
        Assert.That(plan.Services[1].ConfigYaml, Is.EqualTo("/srv/exec/stack/workers/config.yaml"));
    }

    [Test]
    public void The_project_is_named_after_the_compose_file_so_up_and_down_agree_and_stacks_differ()
    {
        Assert.That(HostStackPlan.ProjectName("/a/exec/docker-compose.yml"), Is.EqualTo(HostStackPlan.ProjectName("/a/exec/../exec/docker-compose.yml")));
        Assert.That(HostStackPlan.ProjectName("/a/exec/docker-compose.yml"), Is.Not.EqualTo(HostStackPlan.ProjectName("/b/exec/docker-compose.yml")));
        Assert.That(HostStackPlan.ProjectName("/a/exec/docker-compose.yml"), Does.Match("^overwatch-[0-9a-f]{10}$"));
    }

    [Test]
    public void A_web_service_listening_where_the_deployment_publishes_and_distinct_ports_pass()
    {
        var services = new[] { (Service("overwatch", 0), Load(Web("127.0.0.1:8080"))) };

        Assert.That(HostPorts.Problems(services, Network), Is.Empty);
        Assert.That(HostPorts.Listening(services[0].Item2).Select(p => p.Port), Is.EquivalentTo(new[] { 9001, 9002, 8080 }));
    }

    [TestCase("80")]
    [TestCase("127.0.0.1:9090")]
    [TestCase("0.0.0.0:8080")]
    public void Nginx_must_listen_on_externalIP_and_externalPort(string listen)
    {
        var problems = HostPorts.Problems([(Service("overwatch", 0), Load(Web(listen)))], Network);

        Assert.That(problems.Select(p => p.ToString()), Is.EqualTo(new[]
        {
            $"executables.webApp.nginx.listen (line 7): service overwatch: listen is '{listen}', but with --network=host nginx must listen where Overwatch is published, " +
            "externalIP:externalPort = 127.0.0.1:8080: set listen: \"127.0.0.1:8080\" (or externalIP/externalPort to match)",
        }));
    }

    [Test]
    public void Two_services_on_one_port_are_refused_naming_both_and_the_keys()
    {
        // Both run a uwsgi app with the default stats address, 127.0.0.1:9002.
        var problems = HostPorts.Problems([(Service("one", 0), Load(Web("127.0.0.1:8080"))), (Service("two", 1), Load(Web("127.0.0.1:8080", "9101")))], Network);

        Assert.That(problems.Select(p => p.ToString()), Is.EqualTo(new[]
        {
            "executables.webApp.uwsgi.stats (line 6): port 9002 is used by both executables.webApp.uwsgi.stats of service one and executables.webApp.uwsgi.stats of service two: " +
            "with --network=host the services share the host's ports; give each its own",
            "executables.webApp.nginx.listen (line 7): port 8080 is used by both executables.webApp.nginx.listen of service one and executables.webApp.nginx.listen of service two: " +
            "with --network=host the services share the host's ports; give each its own",
        }));
    }

    [Test]
    public void Without_supervisor_there_is_nothing_to_run()
    {
        var problems = HostPorts.Problems([(Service("overwatch", 0), Load("supervisor: false\nexecutables:\n    processing: {enabled: true}\n"))], Network);

        Assert.That(problems.Select(p => p.ToString()), Is.EqualTo(new[] { "supervisor: service overwatch: supervisor is false, but the container runs its programs under supervisord: set supervisor: true" }));
    }

    [Test]
    public void Not_root_is_one_clear_line_before_anything_is_rendered()
    {
        Assert.DoesNotThrow(() => HostStackPlan.RequireRoot("root"));
        var error = Assert.Throws<UsageException>(() => HostStackPlan.RequireRoot("alice"));

        Assert.That(error!.Message, Does.StartWith("Compose --network=host hands the rendered files and secrets to the image's user overwatch (uid 2143) with chown, which needs root, not alice: run it as root"));
    }

    [TestCase("nginx RUNNING pid 12, uptime 0:00:03\nwebApp RUNNING pid 13, uptime 0:00:03\n", null)]
    [TestCase("nginx RUNNING pid 12, uptime 0:00:03\nwebApp BACKOFF Exited too quickly (process log may have details)\n", "webApp BACKOFF")]
    [TestCase("processing STARTING\nwebApp FATAL Exited too quickly\n", "processing STARTING, webApp FATAL")]
    [TestCase("", "supervisord does not answer yet")]
    public void Health_is_every_supervisorctl_line_running_whatever_its_exit_status(string output, string? problem)
    {
        Assert.That(SupervisorStatus.Problem(output), Is.EqualTo(problem));
    }

    [Test]
    public void The_host_compose_file_mounts_each_services_rendered_files_and_passes_no_variables()
    {
        var config = Load(ComposePlanTests.SplitDeployment("web: [webApp, zodb]", "workers: [processing]"));
        var plan = HostStackPlan.Create("127.0.0.1:5000/overwatch:1.2-py2.7.15", "/srv/data", "/srv/exec/docker-compose.yml", config);

        Golden.AssertMatches(Path.Combine(RepoPaths.Fixtures, "Containers", "Golden", "host", "docker-compose.yml"),
            ComposeRenderer.HostComposeFile(plan, new TemplateSet(RepoPaths.Templates)));
    }

    private static HostService Service(string name, int offset) => new(name, null, $"/s/{name}", offset);

    private static DeployConfig Load(string yaml) => DeployConfigLoader.Load(yaml, new Dictionary<string, string?>());

    private static string Web(string listen, string? controlPort = null) => $$"""
        supervisor: true
        {{(controlPort is null ? "" : $"supervisorControl: {{port: {controlPort}}}")}}
        executables:
            webApp:
                enabled: true
                uwsgi: {enabled: true, module: "overwatch.webApp.run", uwsgi-socket: "exec/sockets/{name}.sock"}
                nginx: {enabled: true, webAppName: webApp, basePath: exec/nginx, listen: "{{listen}}"}
                additionalOptions: {databaseLocation: "zeo://127.0.0.1:2345"}
        """;
}
