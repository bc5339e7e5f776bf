using System.Diagnostics;
using System.Net;
using NUnit.Framework;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.EndToEnd;

/// <summary>
/// The real stack on a real Debian image (the stand-in base), all through ./build.sh: DockerImage builds the app image
/// from a git checkout of the stand-in Overwatch (the commit's source in the image), Compose --network=host renders the
/// configs for the container's paths, hands them to uid 2143, starts the stack with --up (which waits until it is
/// healthy) and --down removes it; the container's own supervisord, nginx, uwsgi and app answer over host networking.
/// Also the self-deploying start of the same image.
/// </summary>
[TestFixture, Category("RealStack"), Category("Engine"), NonParallelizable]
public sealed class RealStackTests
{
    private const string Host = "dev.example.org";
    private const string ContainerExec = "/opt/overwatch/exec";
    private const string SupervisordConf = ContainerExec + "/config/supervisord.conf";

    private StandInImage images = null!;
    private TempDirectory deploy = null!;
    private string commit = null!;
    private string imageId = null!;
    private string container = null!;
    private readonly string secret = $"real-stack-secret-{Guid.NewGuid():N}";
    private readonly string selfName = $"owb-realstack-self-{Guid.NewGuid():N}"[..34];
    private int port;
    private int control;
    private CommandResult up = null!;
    private HttpStatusCode status;
    private string body = "";

    private string ExecDir => deploy.Combine("exec");
    private string ServiceExec => deploy.Combine("exec", "stack", "overwatch", "exec");
    private string ComposeFile => deploy.Combine("exec", "docker-compose.yml");

    [OneTimeSetUp]
    public void BuildTheImageAndStartTheStack()
    {
        if (Environment.UserName != "root")
            RequiredProgram.Unavailable("the real-stack tests hand files to the image's user (uid 2143) with chown; run them as root");
        images = new StandInImage();
        commit = images.Commit("the commit under test");
        var clock = Stopwatch.StartNew();
        var (build, id) = images.Build();
        Assert.That(build.ExitCode, Is.EqualTo(0), build.ToString());
        imageId = id!;
        TestContext.Progress.WriteLine($"real stack: DockerImage {clock.ElapsedMilliseconds} ms");

        deploy = new TempDirectory("owb-realstack-deploy");
        (port, control) = (FreePort.OnLoopback(), FreePort.OnLoopback());
        var yaml = deploy.Combine("deploy.yaml");
        File.WriteAllText(yaml, File.ReadAllText(Path.Combine(StandInImage.Fixture, "deploy-webapp-processing.yaml"))
            .Replace("CONTROL_PORT", control.ToString()).Replace("STATS_PORT", FreePort.OnLoopback().ToString()).Replace("PORT", port.ToString()));

        clock.Restart();
        up = Compose(["--up", $"--deploy-config={yaml}", $"--data-dir={deploy.Combine("data")}", $"--virtual-host={Host}"]);
        TestContext.Progress.WriteLine($"real stack: Compose --up {clock.ElapsedMilliseconds} ms (exit {up.ExitCode})");
        Assert.That(up.ExitCode, Is.EqualTo(0), up.ToString());
        container = Run("docker", "ps", "--quiet", "--filter", $"label=com.docker.compose.project={ProjectName}").Trim();
        (status, body) = Get();
    }

    [OneTimeTearDown]
    public void RemoveTheStack()
    {
        if (deploy is not null && File.Exists(ComposeFile)) Compose(["--down"]);
        Shell.Run("docker", "rm", "--force", selfName);
        images?.Dispose();
        deploy?.Dispose();
    }

    [Test, Order(1)]
    public void Compose_up_returns_once_the_stack_is_healthy_and_says_so()
    {
        Assert.That(up.StandardOutput, Does.Contain($"Service overwatch is healthy after").And.Contain($"every program RUNNING, nginx on 127.0.0.1:{port} answers for {Host}"));
        Assert.That(container, Does.Match("^[0-9a-f]{12}$"), "one container of the stack runs");
    }

    [Test, Order(1)]
    public void The_app_answers_through_nginx_and_uwsgi_with_the_commits_code()
    {
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), Logs());
        Assert.That(body, Is.EqualTo($"overwatch stand-in web app (commit {commit})\n"));
    }

    [Test, Order(1)]
    public void The_image_holds_the_planned_commit_and_its_revision_label_names_it()
    {
        var labels = Run("docker", "image", "inspect", "--format", $"{{{{ index .Config.Labels \"{StandInImage.RevisionLabel}\" }}}}", imageId).Trim();
        var inside = Run("docker", "exec", container, "cat", "/opt/overwatch/overwatch/webApp/run.py");

        Assert.That(labels, Is.EqualTo(commit));
        Assert.That(inside, Is.EqualTo(File.ReadAllText(Path.Combine(images.Checkout, "overwatch", "webApp", "run.py"))));
        Assert.That(Shell.Run("docker", "exec", container, "test", "-e", "/opt/overwatch/.git").ExitCode, Is.Not.EqualTo(0), "git archive: no .git in the image");
    }

    [Test, Order(1)]
    public void Every_enabled_program_is_running()
    {
        var programs = Eventually(() => Statuses(container, "-c", SupervisordConf), s => s.Values.All(v => v == "RUNNING"));

        Assert.That(programs, Is.EqualTo(new Dictionary<string, string> { ["nginx"] = "RUNNING", ["processing"] = "RUNNING", ["webApp"] = "RUNNING" }), Logs());
    }

    [Test, Order(1)]
    public void Supervisors_control_port_listens_on_loopback_only()
    {
        Assert.That(ListeningSockets.On(control), Is.EqualTo(new[] { $"127.0.0.1:{control}" }));
    }

    [Test, Order(1)]
    public void The_container_runs_the_rendered_files_byte_for_byte()
    {
        var rendered = Directory.GetFiles(Path.Combine(ServiceExec, "config"), "*", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(ServiceExec, "nginx"), "*", SearchOption.AllDirectories)).ToList();

        Assert.That(rendered, Has.Count.GreaterThanOrEqualTo(5));
        Assert.Multiple(() =>
        {
            foreach (var file in rendered)
            {
                var inside = $"{ContainerExec}/{Path.GetRelativePath(ServiceExec, file)}";
                Assert.That(Run("docker", "exec", container, "cat", inside), Is.EqualTo(File.ReadAllText(file)), inside);
            }
            Assert.That(Run("docker", "exec", container, "cat", "/opt/overwatch/config.yaml"),
                Is.EqualTo(File.ReadAllText(deploy.Combine("exec", "stack", "overwatch", "config.yaml"))));
        });
    }

    [Test, Order(1)]
    public void The_secret_is_a_private_file_of_overwatch_and_in_no_docker_output()
    {
        var mode = Run("docker", "exec", container, "stat", "-c", "%a %U", $"{ContainerExec}/secrets/sshKey").Trim();
        var readable = Run("docker", "exec", container, "cat", $"{ContainerExec}/secrets/sshKey");
        var inspect = Run("docker", "inspect", container, imageId);
        var logs = Shell.Run("docker", "logs", container).AllOutput;

        Assert.That(mode, Is.EqualTo("600 overwatch"));
        Assert.That(readable, Is.EqualTo(secret + "\n"), "the programs (user overwatch) can read it");
        Assert.That(inspect + logs + File.ReadAllText(ComposeFile) + up.AllOutput, Does.Not.Contain(secret));
    }

    [Test, Order(1)]
    public void Rebuilding_the_same_commit_is_fully_cached()
    {
        var (again, id) = images.Build();

        Assert.That(again.ExitCode, Is.EqualTo(0), again.ToString());
        Assert.That(id, Is.EqualTo(imageId));
    }

    [Test, Order(1)]
    public void A_new_commit_changes_the_source_layer_and_is_named_by_the_revision_label()
    {
        var app = Path.Combine(images.Checkout, "overwatch", "webApp", "run.py");
        File.WriteAllText(app, File.ReadAllText(app).Replace("stand-in web app", "stand-in web app, next commit"));
        var next = images.Commit("next");

        var (built, nextId) = images.Build();
        images.CheckOut(commit);

        Assert.That(built.ExitCode, Is.EqualTo(0), built.ToString());
        // The base's layers and those of the steps before the source copy are reused; the copy's and the later are new.
        var (before, after) = (StandInImage.Layers(imageId), StandInImage.Layers(nextId!));
        var reused = before.Zip(after).TakeWhile(pair => pair.First == pair.Second).Count();
        Assert.That(after, Has.Count.EqualTo(before.Count));
        Assert.That(reused, Is.GreaterThan(StandInImage.Layers(StandInImage.BaseImage).Count).And.LessThan(after.Count));
        Assert.That(Run("docker", "image", "inspect", "--format", $"{{{{ index .Config.Labels \"{StandInImage.RevisionLabel}\" }}}}", nextId!).Trim(),
            Is.EqualTo(next));
    }

    [Test, Order(1)]
    public void A_service_that_does_not_become_healthy_fails_up_in_time_with_its_last_log_lines()
    {
        using var broken = new TempDirectory("owb-realstack-broken");
        var (webPort, brokenControl) = (FreePort.OnLoopback(), FreePort.OnLoopback());
        var yaml = broken.Combine("deploy.yaml");
        File.WriteAllText(yaml, File.ReadAllText(Path.Combine(StandInImage.Fixture, "deploy-webapp-processing.yaml"))
            .Replace("overwatch.webApp.run", "overwatch.webApp.missing")
            .Replace("CONTROL_PORT", brokenControl.ToString()).Replace("STATS_PORT", FreePort.OnLoopback().ToString()).Replace("PORT", webPort.ToString()));
        string[] stack = ["--target=Compose", "--network=host", $"--exec-dir={broken.Combine("exec")}", .. images.PlanArguments];
        var env = new Dictionary<string, string?> { ["realStackSecret"] = secret, ["externalIP"] = "127.0.0.1", ["externalPort"] = webPort.ToString() };

        var clock = Stopwatch.StartNew();
        var result = BuildScript.Run([.. stack, "--up", "--up-timeout=10", $"--deploy-config={yaml}", $"--data-dir={broken.Combine("data")}"], env);
        var elapsed = clock.Elapsed;
        var down = BuildScript.Run([.. stack, "--down"], env);

        Assert.That(result.ExitCode, Is.Not.EqualTo(0), result.ToString());
        Assert.That(result.StandardError, Does.Contain("service overwatch is not healthy after 10 s (").And.Contain("(--down stops it); its last log lines:"));
        Assert.That(result.StandardError, Does.Contain("  | "), "the service's own log lines follow");
        Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(60)));
        Assert.That(down.ExitCode, Is.EqualTo(0), down.ToString());
    }

    [Test, Order(2)]
    public void Compose_down_leaves_no_container_or_network()
    {
        var down = Compose(["--down"]);

        Assert.That(down.ExitCode, Is.EqualTo(0), down.ToString());
        Assert.That(Run("docker", "ps", "--all", "--quiet", "--filter", $"label=com.docker.compose.project={ProjectName}").Trim(), Is.Empty);
        Assert.That(Run("docker", "network", "ls", "--quiet", "--filter", $"label=com.docker.compose.project={ProjectName}").Trim(), Is.Empty);
        Assert.That(Get().Status, Is.Not.EqualTo(HttpStatusCode.OK), "nothing answers any more");
    }

    [Test]
    public void Without_rendered_files_the_container_deploys_itself_from_config_and_says_so()
    {
        const string config = "executables:\n    processing:\n        enabled: true\n    receiverMonitor:\n        enabled: true\n";
        var self = selfName;
        Run("docker", "run", "--detach", "--name", self, "--env", "config=" + config, imageId);

        var programs = Eventually(() => Statuses(self), s => s.Count == 3 && s["processing"] == "RUNNING" && s["overwatchReceiverMonitor"] == "RUNNING");
        var logs = Shell.Run("docker", "logs", self).AllOutput;
        Shell.Run("docker", "rm", "--force", self);

        Assert.That(programs, Is.EqualTo(new Dictionary<string, string>
        {
            ["overwatchDeploy"] = "EXITED", ["processing"] = "RUNNING", ["overwatchReceiverMonitor"] = "RUNNING",
        }), logs);
        Assert.That(logs, Does.Contain("overwatch-start: self-deploy succeeded"));
    }

    [Test]
    public void A_config_rendered_for_another_directory_is_ignored_with_a_warning_and_the_container_deploys_itself()
    {
        using var checkout = new TempDirectory("owb-realstack-foreign");
        Directory.CreateDirectory(checkout.Combine("exec", "config"));
        File.WriteAllText(checkout.Combine("exec", "config", "supervisord.conf"), $"[supervisord]\nchildlogdir = {checkout.Path}/exec/logs\n");
        Run("chown", "-R", "2143:2143", checkout.Path);
        var self = selfName;
        Run("docker", "run", "--detach", "--name", self, "--volume", $"{checkout.Combine("exec")}:{ContainerExec}",
            "--env", "config=executables:\n    processing:\n        enabled: true\n", imageId);

        var programs = Eventually(() => Statuses(self), s => s.GetValueOrDefault("processing") == "RUNNING");
        var logs = Shell.Run("docker", "logs", self).AllOutput;
        Shell.Run("docker", "rm", "--force", self);

        Assert.That(programs.GetValueOrDefault("processing"), Is.EqualTo("RUNNING"), logs);
        Assert.That(logs, Does.Contain($"overwatch-start: ignoring {SupervisordConf}: it was rendered for {checkout.Path}, not /opt/overwatch (render with --deployment-root=/opt/overwatch)"));
    }

    [Test]
    public void A_failing_self_deploy_is_reported_and_stops_the_container_with_status_1()
    {
        var self = selfName;

        var result = Shell.Run("docker", "run", "--name", self, "--env", "config=executables: [unclosed", imageId);
        Shell.Run("docker", "rm", "--force", self);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.AllOutput, Does.Contain("overwatch-start: self-deploy FAILED: overwatchDeploy -e config exited with status 1"));
    }

    [Test]
    public void With_nothing_rendered_and_no_config_the_container_says_what_to_provide()
    {
        var result = Shell.Run("docker", "run", "--rm", imageId);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.StandardError.Trim(), Does.StartWith("overwatch-start: nothing to run: mount what RenderConfig rendered at /opt/overwatch/exec"));
    }

    private string ProjectName => Overwatch.Build.Containers.HostStackPlan.ProjectName(ComposeFile);

    /// <summary>./build.sh --target=Compose --network=host for this stack (its exec directory, image, ports and secret).</summary>
    private CommandResult Compose(IEnumerable<string> arguments) =>
        BuildScript.Run(["--target=Compose", "--network=host", $"--exec-dir={ExecDir}", .. images.PlanArguments, .. arguments],
            new() { ["realStackSecret"] = secret, ["externalIP"] = "127.0.0.1", ["externalPort"] = port.ToString() });

    private (HttpStatusCode Status, string Body) Get()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/");
            request.Headers.Host = Host;
            using var response = client.Send(request);
            return (response.StatusCode, response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        }
        catch (HttpRequestException e)
        {
            return (0, e.Message);
        }
    }

    /// <summary>supervisorctl status inside the container, as program → state.</summary>
    private static Dictionary<string, string> Statuses(string name, params string[] options)
    {
        var output = Shell.Run("docker", ["exec", name, "supervisorctl", .. options, "status"]).StandardOutput;
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 2).ToDictionary(f => f[0], f => f[1]);
    }

    private static T Eventually<T>(Func<T> read, Func<T, bool> done)
    {
        var deadline = Stopwatch.StartNew();
        var value = read();
        while (!done(value) && deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            Thread.Sleep(100);
            value = read();
        }
        return value;
    }

    private string Logs() => Shell.Run("docker", "logs", "--tail", "30", container).AllOutput;

    private static string Run(string program, params string[] arguments)
    {
        var result = Shell.Run(program, arguments);
        if (result.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {result}");
        return result.StandardOutput;
    }
}
