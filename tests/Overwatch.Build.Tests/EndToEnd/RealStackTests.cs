using System.Diagnostics;
using System.Net;
using NUnit.Framework;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.EndToEnd;

/// <summary>
/// The real stack on a real Debian image (the stand-in base): an app image built from a commit, configs
/// rendered by ./build.sh --target=RenderConfig for the container's paths and mounted, and the container's
/// own supervisord, nginx, uwsgi and app answering over host networking. Also the self-deploying start.
/// </summary>
[TestFixture, Category("RealStack"), NonParallelizable]
public sealed class RealStackTests
{
    private const string Host = "dev.example.org";
    private const string ContainerExec = "/opt/overwatch/exec";
    private const string SupervisordConf = ContainerExec + "/config/supervisord.conf";

    private StandInImage images = null!;
    private TempDirectory deploy = null!;
    private string commit = null!;
    private string image = null!;
    private readonly string container = $"owb-realstack-{Guid.NewGuid():N}"[..30];
    private readonly string secret = $"real-stack-secret-{Guid.NewGuid():N}";
    private int port;
    private int control;
    private HttpStatusCode status;
    private string body = "";

    [OneTimeSetUp]
    public void StartTheRenderedStack()
    {
        if (Environment.UserName != "root")
            RequiredProgram.Unavailable("the real-stack tests hand files to the image's user (uid 2143) with chown; run them as root");
        images = new StandInImage();
        commit = images.Commit("the commit under test");
        image = images.Build(commit);
        deploy = new TempDirectory("owb-realstack-deploy");
        (port, control) = (FreePort.OnLoopback(), FreePort.OnLoopback());
        var yaml = deploy.Combine("deploy.yaml");
        File.WriteAllText(yaml, File.ReadAllText(Path.Combine(StandInImage.Fixture, "deploy-webapp-processing.yaml"))
            .Replace("CONTROL_PORT", control.ToString()).Replace("STATS_PORT", FreePort.OnLoopback().ToString()).Replace("PORT", port.ToString()));

        var render = BuildScript.Run(["--target=RenderConfig", $"--deploy-config={yaml}", $"--exec-dir={deploy.Combine("exec")}",
            "--deployment-root=/opt/overwatch"], new() { ["realStackSecret"] = secret });
        Assert.That(render.ExitCode, Is.EqualTo(0), render.ToString());
        Run("chown", "-R", "2143:2143", deploy.Path);

        var started = Stopwatch.StartNew();
        Run("docker", "run", "--detach", "--name", container, "--network", "host",
            "--volume", $"{deploy.Combine("exec")}:{ContainerExec}", "--volume", $"{deploy.Combine("config.yaml")}:/opt/overwatch/config.yaml:ro", image);
        (status, body) = WaitForApp(TimeSpan.FromSeconds(30));
        TestContext.Progress.WriteLine($"real stack: HTTP {(int)status} {started.ElapsedMilliseconds} ms after docker run");
    }

    [OneTimeTearDown]
    public void RemoveTheStack()
    {
        Shell.Run("docker", "rm", "--force", container, container + "-self");
        images?.Dispose();
        deploy?.Dispose();
    }

    [Test]
    public void The_app_answers_through_nginx_and_uwsgi()
    {
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), Logs());
        Assert.That(body, Is.EqualTo($"overwatch stand-in web app (commit {commit})\n"));
    }

    [Test]
    public void Every_enabled_program_is_running()
    {
        var programs = Eventually(() => Statuses(container, "-c", SupervisordConf), s => s.Values.All(v => v == "RUNNING"));

        Assert.That(programs, Is.EqualTo(new Dictionary<string, string> { ["nginx"] = "RUNNING", ["processing"] = "RUNNING", ["webApp"] = "RUNNING" }), Logs());
    }

    [Test]
    public void Supervisors_control_port_listens_on_loopback_only()
    {
        Assert.That(ListeningSockets.On(control), Is.EqualTo(new[] { $"127.0.0.1:{control}" }));
    }

    [Test]
    public void The_container_runs_the_rendered_files_byte_for_byte()
    {
        var rendered = Directory.GetFiles(deploy.Combine("exec", "config"), "*", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(deploy.Combine("exec", "nginx"), "*", SearchOption.AllDirectories)).ToList();

        Assert.That(rendered, Has.Count.GreaterThanOrEqualTo(5));
        Assert.Multiple(() =>
        {
            foreach (var file in rendered)
            {
                var inside = $"{ContainerExec}/{Path.GetRelativePath(deploy.Combine("exec"), file)}";
                Assert.That(Run("docker", "exec", container, "cat", inside), Is.EqualTo(File.ReadAllText(file)), inside);
            }
        });
    }

    [Test]
    public void The_secret_is_a_private_file_of_overwatch_and_in_no_docker_output()
    {
        var mode = Run("docker", "exec", container, "stat", "-c", "%a %U", $"{ContainerExec}/secrets/sshKey").Trim();
        var readable = Run("docker", "exec", container, "cat", $"{ContainerExec}/secrets/sshKey");
        var inspect = Run("docker", "inspect", container, image);
        var logs = Shell.Run("docker", "logs", container).AllOutput;

        Assert.That(mode, Is.EqualTo("600 overwatch"));
        Assert.That(readable, Is.EqualTo(secret + "\n"), "the programs (user overwatch) can read it");
        Assert.That(inspect + logs, Does.Not.Contain(secret));
    }

    [Test]
    public void Rebuilding_the_same_commit_is_fully_cached()
    {
        var again = images.Build(commit);

        Assert.That(StandInImage.Id(again), Is.EqualTo(StandInImage.Id(image)));
    }

    [Test]
    public void A_new_commit_changes_the_source_layer_and_is_named_by_the_revision_label()
    {
        var app = Path.Combine(images.Checkout, "overwatch", "webApp", "run.py");
        File.WriteAllText(app, File.ReadAllText(app).Replace("stand-in web app", "stand-in web app, next commit"));
        var next = images.Commit("next");

        var nextImage = images.Build(next);

        Assert.That(StandInImage.SourceLayer(nextImage), Is.Not.EqualTo(StandInImage.SourceLayer(image)));
        Assert.That(Run("docker", "image", "inspect", "--format", $"{{{{ index .Config.Labels \"{StandInImage.RevisionLabel}\" }}}}", nextImage).Trim(),
            Is.EqualTo(next));
    }

    [Test]
    public void Without_rendered_files_the_container_deploys_itself_from_config_and_says_so()
    {
        const string config = "executables:\n    processing:\n        enabled: true\n    receiverMonitor:\n        enabled: true\n";
        var self = container + "-self";
        Run("docker", "run", "--detach", "--name", self, "--env", "config=" + config, image);

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
        var self = container + "-self";
        Run("docker", "run", "--detach", "--name", self, "--volume", $"{checkout.Combine("exec")}:{ContainerExec}",
            "--env", "config=executables:\n    processing:\n        enabled: true\n", image);

        var programs = Eventually(() => Statuses(self), s => s.GetValueOrDefault("processing") == "RUNNING");
        var logs = Shell.Run("docker", "logs", self).AllOutput;
        Shell.Run("docker", "rm", "--force", self);

        Assert.That(programs.GetValueOrDefault("processing"), Is.EqualTo("RUNNING"), logs);
        Assert.That(logs, Does.Contain($"overwatch-start: ignoring {SupervisordConf}: it was rendered for {checkout.Path}, not /opt/overwatch (render with --deployment-root=/opt/overwatch)"));
    }

    [Test]
    public void A_failing_self_deploy_is_reported_and_stops_the_container_with_status_1()
    {
        var self = container + "-self";

        var result = Shell.Run("docker", "run", "--name", self, "--env", "config=executables: [unclosed", image);
        Shell.Run("docker", "rm", "--force", self);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.AllOutput, Does.Contain("overwatch-start: self-deploy FAILED: overwatchDeploy -e config exited with status 1"));
    }

    [Test]
    public void With_nothing_rendered_and_no_config_the_container_says_what_to_provide()
    {
        var result = Shell.Run("docker", "run", "--rm", image);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.StandardError.Trim(), Does.StartWith("overwatch-start: nothing to run: mount what RenderConfig rendered at /opt/overwatch/exec"));
    }

    private (HttpStatusCode Status, string Body) WaitForApp(TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        var last = (Status: (HttpStatusCode)0, Body: "no answer");
        while (deadline.Elapsed < timeout)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/");
                request.Headers.Host = Host;
                using var response = client.Send(request);
                last = (response.StatusCode, response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
                if (last.Status == HttpStatusCode.OK) return last;
            }
            catch (HttpRequestException) { }
            Thread.Sleep(50);
        }
        return last;
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
