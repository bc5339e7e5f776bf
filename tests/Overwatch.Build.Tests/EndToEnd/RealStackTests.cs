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
/// Also the self-deploying start of the same image (`docker run -e config`), with a stand-in overwatchDeploy that
/// behaves like upstream's: it rewrites ./supervisord.conf with control on :9001, does not wait for its
/// `supervisorctl update`, and exits with status 1 even when it worked.
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
    private readonly string keepTag = $"owb-realstack-keep:{Guid.NewGuid():N}";
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
        // Under the containerd image store an image that loses its last tag is gone: the next commit's build moves
        // the planned tag, and the tests below still start this image by its ID.
        Run("docker", "tag", imageId, keepTag);
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
        Shell.Run("docker", "rmi", keepTag);
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
    public void Supervisorctl_status_needs_no_config_path_in_the_rendered_container()
    {
        var programs = Eventually(() => Statuses(container), s => s.Count == 3 && s.Values.All(v => v == "RUNNING"));

        Assert.That(programs, Is.EqualTo(new Dictionary<string, string> { ["nginx"] = "RUNNING", ["processing"] = "RUNNING", ["webApp"] = "RUNNING" }),
            Shell.Run("docker", "exec", container, "supervisorctl", "status").AllOutput);
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
        // uwsgi refuses more cheaper workers than workers and exits: webApp ends FATAL, nothing ever answers.
        var (result, elapsed) = BrokenStack(yaml => yaml.Replace("cheaper: 1", "cheaper: 5"), upTimeout: 10);

        Assert.That(result.ExitCode, Is.Not.EqualTo(0), result.ToString());
        Assert.That(result.StandardError, Does.Contain("service overwatch is not healthy after 10 s (").And.Contain("(--down stops it); its last log lines:"));
        Assert.That(result.StandardError, Does.Contain("  | "), "the service's own log lines follow");
        Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(60)));
    }

    [Test, Order(1)]
    public void A_web_app_that_cannot_be_imported_fails_up_within_seconds_naming_the_error()
    {
        var (result, elapsed) = BrokenStack(yaml => yaml.Replace("overwatch.webApp.run", "overwatch.webApp.missing"), upTimeout: 120);

        Assert.That(result.ExitCode, Is.Not.EqualTo(0), result.ToString());
        Assert.That(result.StandardError, Does.Contain("service overwatch cannot serve its web app: uwsgi could not import the web app " +
            "('no python application found'): ModuleNotFoundError: No module named 'overwatch.webApp.missing'"), result.ToString());
        Assert.That(result.StandardError, Does.Not.Contain("raise --up-timeout"));
        Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(60)), "named at the first answer, not after the 120 s --up-timeout");
    }

    [Test, Order(1)]
    public void A_web_app_without_uwsgis_python_plugin_fails_up_within_seconds_naming_the_fix()
    {
        var (result, elapsed) = BrokenStack(yaml => yaml.Replace("plugins: \"python3\"", ""), upTimeout: 120);

        Assert.That(result.ExitCode, Is.Not.EqualTo(0), result.ToString());
        Assert.That(result.StandardError, Does.Contain("service overwatch cannot serve its web app: uwsgi runs without Python " +
            "(its log says 'unavailable modifier requested: 0'): add plugins: python3 to executables.webApp.uwsgi in the deploy YAML"), result.ToString());
        Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(60)), "named at the first answer, not after the 120 s --up-timeout");
    }

    /// <summary>Compose --network=host --up of the stand-in deployment changed by <paramref name="change"/>, then --down; the result of --up.</summary>
    private (CommandResult Result, TimeSpan Elapsed) BrokenStack(Func<string, string> change, int upTimeout)
    {
        using var broken = new TempDirectory("owb-realstack-broken");
        var (webPort, brokenControl) = (FreePort.OnLoopback(), FreePort.OnLoopback());
        var yaml = broken.Combine("deploy.yaml");
        File.WriteAllText(yaml, change(File.ReadAllText(Path.Combine(StandInImage.Fixture, "deploy-webapp-processing.yaml")))
            .Replace("CONTROL_PORT", brokenControl.ToString()).Replace("STATS_PORT", FreePort.OnLoopback().ToString()).Replace("PORT", webPort.ToString()));
        string[] stack = ["--target=Compose", "--network=host", $"--exec-dir={broken.Combine("exec")}", .. images.PlanArguments];
        var env = new Dictionary<string, string?> { ["realStackSecret"] = secret, ["externalIP"] = "127.0.0.1", ["externalPort"] = webPort.ToString() };

        var clock = Stopwatch.StartNew();
        var result = BuildScript.Run([.. stack, "--up", $"--up-timeout={upTimeout}", $"--deploy-config={yaml}", $"--data-dir={broken.Combine("data")}"], env);
        var elapsed = clock.Elapsed;
        var down = BuildScript.Run([.. stack, "--down"], env);
        Assert.That(down.ExitCode, Is.EqualTo(0), down.ToString());
        return (result, elapsed);
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

    /// <summary>A deploy YAML as upstream's overwatchDeploy needs it for the container: supervisor: true, an environment block.</summary>
    private const string SelfConfig = "supervisor: true\nenvironment: {}\nexecutables:\n    processing:\n        enabled: true\n    receiverMonitor:\n        enabled: true\n";

    [Test]
    public void The_stand_in_deploy_rewrites_supervisord_conf_asks_for_an_update_it_does_not_wait_for_and_exits_1()
    {
        // Waits (30 s at most) for the update the deploy left running: a fixed second was too short on a loaded machine.
        const string script = "printf '[program:stale]\\ncommand = false\\n' > supervisord.conf; overwatchDeploy -e config; echo \"deploy exit status $?\"; " +
            "for i in $(seq 300); do grep -qs '[s]upervisorctl' /proc/[0-9]*/cmdline || break; sleep 0.1; done; cat supervisord.conf";

        var result = Shell.Run("docker", "run", "--rm", "--env", "config=" + SelfConfig, imageId, "sh", "-c", script);

        Assert.That(result.StandardOutput, Does.Contain("deploy exit status 1"), result.ToString());
        Assert.That(result.StandardOutput, Does.Not.Contain("[program:stale]"), "rewritten, not appended to");
        Assert.That(result.StandardOutput, Does.Contain("[inet_http_server]\nport = :9001\n").And.Contain("[supervisorctl]\nserverurl = http://127.0.0.1:9001\n")
            .And.Contain("[program:processing]\ncommand = overwatchProcessing\n").And.Contain("[program:overwatchReceiverMonitor]\n"));
        Assert.That(result.StandardOutput.IndexOf("Connection refused", StringComparison.Ordinal),
            Is.GreaterThan(result.StandardOutput.IndexOf("deploy exit status 1", StringComparison.Ordinal)), "its supervisorctl update dialled :9001 after it returned");
    }

    [Test]
    public void Started_the_self_deploying_way_on_the_host_network_every_program_runs_behind_nginx_and_control_stays_on_loopback()
    {
        var (web, selfControl) = (FreePort.OnLoopback(), FreePort.OnLoopback());
        var config = File.ReadAllText(Path.Combine(StandInImage.Fixture, "self-deploy.yaml"))
            .Replace("STATS_PORT", FreePort.OnLoopback().ToString()).Replace("PORT", web.ToString());
        var self = selfName;
        Run("docker", "run", "--detach", "--name", self, "--network", "host", "--env", "config=" + config,
            "--env", $"OVERWATCH_SUPERVISOR_PORT={selfControl}", imageId);

        var logs = Eventually(() => Shell.Run("docker", "logs", self).AllOutput, l => l.Contains("overwatch-start: self-deploy "), seconds: 30);
        var answer = Eventually(() => Get(web), a => a.Status == HttpStatusCode.OK, seconds: 10);
        var programs = Statuses(self);
        var listeners = ListeningSockets.On(selfControl);
        Shell.Run("docker", "rm", "--force", self);

        Assert.Multiple(() =>
        {
            Assert.That(programs, Is.EqualTo(new Dictionary<string, string> { ["nginx"] = "RUNNING", ["processing"] = "RUNNING", ["webApp"] = "RUNNING" }), logs);
            Assert.That(answer, Is.EqualTo((HttpStatusCode.OK, $"overwatch stand-in web app (commit {commit})\n")));
            Assert.That(listeners, Is.EqualTo(new[] { $"127.0.0.1:{selfControl}" }));
            Assert.That(logs, Does.Contain($"overwatch-start: self-deploy succeeded: every program runs (nginx, processing, webApp); supervisor's control on 127.0.0.1:{selfControl}"));
        });
    }

    [Test]
    public void Without_rendered_files_the_container_deploys_itself_from_config_and_says_so()
    {
        var self = selfName;
        Run("docker", "run", "--detach", "--name", self, "--env", "config=" + SelfConfig, imageId);

        var programs = Eventually(() => Statuses(self), s => s.Count == 2 && s.Values.All(v => v == "RUNNING"));
        var logs = Eventually(() => Shell.Run("docker", "logs", self).AllOutput, l => l.Contains("overwatch-start: self-deploy "));
        var control = Shell.Run("docker", "exec", self, "grep", "-A1", "inet_http_server", "supervisord.conf").StandardOutput;
        Shell.Run("docker", "rm", "--force", self);

        Assert.That(programs, Is.EqualTo(new Dictionary<string, string> { ["processing"] = "RUNNING", ["overwatchReceiverMonitor"] = "RUNNING" }), logs);
        Assert.That(logs, Does.Contain("overwatch-start: self-deploy succeeded: every program runs (overwatchReceiverMonitor, processing); supervisor's control on 127.0.0.1:9001"));
        Assert.That(control, Is.EqualTo("[inet_http_server]\nport = 127.0.0.1:9001\n"), "the deploy's port, on the loopback only");
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
            "--env", "config=" + SelfConfig, imageId);

        var programs = Eventually(() => Statuses(self), s => s.GetValueOrDefault("processing") == "RUNNING");
        var logs = Shell.Run("docker", "logs", self).AllOutput;
        Shell.Run("docker", "rm", "--force", self);

        Assert.That(programs.GetValueOrDefault("processing"), Is.EqualTo("RUNNING"), logs);
        Assert.That(logs, Does.Contain($"overwatch-start: ignoring {SupervisordConf}: it was rendered for {checkout.Path}, not /opt/overwatch (render with --deployment-root=/opt/overwatch)"));
    }

    [TestCase("executables: [unclosed", "yaml.", "wrote no /opt/overwatch/supervisord.conf (exit status 1; its output is above): it stopped early, or the deploy YAML lacks 'supervisor: true', which the container needs")]
    [TestCase("supervisor: false\nenvironment: {}\nexecutables: {}\n", "", "wrote no /opt/overwatch/supervisord.conf (exit status 1; its output is above): it stopped early, or the deploy YAML lacks 'supervisor: true', which the container needs")]
    [TestCase("supervisor: true\nexecutables:\n    processing:\n        enabled: true\n", "KeyError: 'environment'", "stopped before asking supervisor to load the programs (exit status 1; its output is above)")]
    public void A_deploy_that_stops_before_its_end_is_reported_and_stops_the_container_with_status_1(string config, string deploysOwnWord, string why)
    {
        var self = selfName;

        var result = Shell.Run("docker", "run", "--name", self, "--env", "config=" + config, imageId);
        Shell.Run("docker", "rm", "--force", self);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.StandardError, Does.Contain($"overwatch-start: self-deploy FAILED: overwatchDeploy -e config {why}\n"));
        Assert.That(result.AllOutput, Does.Contain(deploysOwnWord));
    }

    [Test]
    public void A_self_deployed_program_that_cannot_run_is_named_in_one_line_and_the_container_exits_1()
    {
        const string config = "supervisor: true\nenvironment: {}\nexecutables:\n    zodb:\n        enabled: true\n        address: \"127.0.0.1\"\n" +
            "        port: 2345\n        databasePath: \"data/overwatch.fs\"\n    processing:\n        enabled: true\n";
        var self = selfName;

        var result = Shell.Run("docker", "run", "--name", self, "--env", "config=" + config, imageId);
        Shell.Run("docker", "rm", "--force", self);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.AllOutput.Split('\n').Where(l => l.Contains("overwatch-start: self-deploy")),
            Is.EqualTo(new[] { "overwatch-start: self-deploy FAILED: program zodb is FATAL (can't find command 'runzeo'); stopping the container" }));
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

    private (HttpStatusCode Status, string Body) Get() => Get(port);

    private static (HttpStatusCode Status, string Body) Get(int port)
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

    private static T Eventually<T>(Func<T> read, Func<T, bool> done, int seconds = 15)
    {
        var deadline = Stopwatch.StartNew();
        var value = read();
        while (!done(value) && deadline.Elapsed < TimeSpan.FromSeconds(seconds))
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
