using NUnit.Framework;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.EndToEnd;

/// <summary>
/// docker/overwatch-start's self-deploying mode run here, as the container's start command would run it: the real
/// supervisord, the stand-in overwatchDeploy (which, like upstream's, refuses to overwrite a secret file) and its
/// programs, the root and HOME in a temp directory. What a container does on docker stop, a restart and bad settings,
/// without building an image.
/// </summary>
[Category("Programs"), NonParallelizable]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SelfDeployingStartTests
{
    private const string Succeeded = "overwatch-start: self-deploy succeeded";
    private const string WithSshKey = "supervisor: true\nenvironment:\n    sshKey: {enabled: true}\nexecutables:\n    processing:\n        enabled: true\n";

    private TempDirectory work = null!;
    private readonly List<ManagedProcess> started = [];
    private int controlPort;

    private string Root => work.Combine("root");
    private string Home => work.Combine("home");
    private string Bin => work.Combine("bin");

    [SetUp]
    public void SetUp()
    {
        RequiredProgram.Find("supervisord");
        work = new TempDirectory("owb-self-deploy");
        CopyDirectory(Path.Combine(StandInImage.Fixture, "overwatch-src"), Root);
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Bin);
        // The image's console scripts: upstream's entry points, exit status from what run() returns.
        foreach (var (script, module) in new[] { ("overwatchDeploy", "overwatch.base.deploy"), ("overwatchProcessing", "overwatch.processing.run") })
            WriteScript(script, $"exec {RequiredProgram.Find("python3")} -c 'import sys; from {module} import run; sys.exit(run())' \"$@\"");
        controlPort = FreePort.OnLoopback();
    }

    [TearDown]
    public void TearDown()
    {
        foreach (var process in started) process.Dispose();
        started.Clear();
        work.Dispose();
    }

    [Test]
    public void After_an_unclean_end_a_restart_deploys_again_and_writes_the_secret_afresh()
    {
        var first = Start(WithSshKey, new() { ["sshKey"] = "KEY OF THE FIRST START" });
        first.WaitUntil("the first self-deploy", () => first.Output.Contains(Succeeded), TimeSpan.FromSeconds(30));
        first.Dispose(); // killed with supervisord and the programs, as by a reboot or docker kill

        var second = Start(WithSshKey, new() { ["sshKey"] = "KEY OF THE SECOND START" });
        second.WaitUntil("the self-deploy after the restart", () => second.Output.Contains(Succeeded), TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(Path.Combine(Home, ".ssh", "id_rsa")), Is.EqualTo("KEY OF THE SECOND START"));
            Assert.That(second.Output, Does.Contain("overwatch-start: removed the ").And.Contain(" files the previous self-deploy in this container created"));
        });
    }

    [Test]
    public void Docker_stop_stops_the_programs_exits_0_and_the_next_start_deploys_again()
    {
        var first = Start(WithSshKey, new() { ["sshKey"] = "KEY" });
        first.WaitUntil("the self-deploy", () => first.Output.Contains(Succeeded), TimeSpan.FromSeconds(30));

        Terminate(first);
        var exit = first.WaitForExit(TimeSpan.FromSeconds(20));
        var second = Start(WithSshKey, new() { ["sshKey"] = "KEY" });
        second.WaitUntil("the self-deploy after docker start", () => second.Output.Contains(Succeeded), TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(0), first.Output);
            Assert.That(first.Output, Does.Contain("stopped: processing"), "supervisord stopped the program");
        });
    }

    [Test]
    public void Docker_stop_while_the_programs_start_stops_them_and_exits_0_without_a_failure_line()
    {
        WriteSlowDeploy();
        var start = Start("slow", new() { ["OVERWATCH_START_TIMEOUT"] = "60" });
        start.WaitUntil("the slow program starting", () => Status().Contains("STARTING"), TimeSpan.FromSeconds(30));

        Terminate(start);
        var exit = start.WaitForExit(TimeSpan.FromSeconds(20));

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(0), start.Output);
            Assert.That(start.Output, Does.Not.Contain("FAILED"));
        });
    }

    [Test]
    public void Programs_still_starting_at_the_time_out_are_named_with_their_state_in_one_line()
    {
        WriteSlowDeploy();
        var start = Start("slow", new() { ["OVERWATCH_START_TIMEOUT"] = "1" });

        var exit = start.WaitForExit(TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(1), start.Output);
            Assert.That(start.Output.Split('\n').Where(l => l.Contains("FAILED")), Is.EqualTo(new[]
            {
                "overwatch-start: self-deploy FAILED: not every program runs after 1 s (OVERWATCH_START_TIMEOUT): slow is STARTING; stopping the container",
            }));
        });
    }

    [Test]
    public void Supervisord_ending_by_itself_after_the_deploy_ends_the_start_with_status_1_and_says_so()
    {
        var start = Start(WithSshKey, new() { ["sshKey"] = "KEY" });
        start.WaitUntil("the self-deploy", () => start.Output.Contains(Succeeded), TimeSpan.FromSeconds(30));
        var program = int.Parse(Supervisorctl("pid", "processing").Trim());
        var supervisord = int.Parse(Supervisorctl("pid").Trim());

        Shell.Run("kill", "-KILL", supervisord.ToString());
        var exit = start.WaitForExit(TimeSpan.FromSeconds(20));
        Shell.Run("kill", "-KILL", program.ToString());

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(1), start.Output);
            Assert.That(start.Output, Does.Contain("overwatch-start: supervisord stopped by itself (exit status 137; its output is above); the container stops"));
        });
    }

    [TestCase("OVERWATCH_SUPERVISOR_PORT", "9001;x", "OVERWATCH_SUPERVISOR_PORT='9001;x' is not a port; give a number from 1 to 65535")]
    [TestCase("OVERWATCH_SUPERVISOR_PORT", "65536", "OVERWATCH_SUPERVISOR_PORT='65536' is not a port; give a number from 1 to 65535")]
    [TestCase("OVERWATCH_SUPERVISOR_PORT", "0", "OVERWATCH_SUPERVISOR_PORT='0' is not a port; give a number from 1 to 65535")]
    [TestCase("OVERWATCH_START_TIMEOUT", "1m", "OVERWATCH_START_TIMEOUT='1m' is not a number of seconds; give e.g. 60")]
    [TestCase("OVERWATCH_DEPLOY_VARIABLE", "x}; touch pwned; : ${y", "OVERWATCH_DEPLOY_VARIABLE='x}; touch pwned; : ${y' is not a variable name")]
    public void A_bad_setting_is_named_in_one_line_with_status_2_and_nothing_is_deployed(string variable, string value, string message)
    {
        var start = Start(WithSshKey, new() { ["sshKey"] = "KEY", [variable] = value });

        var exit = start.WaitForExit(TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(2), start.Output);
            Assert.That(start.Output.Trim(), Does.StartWith("overwatch-start: " + message).And.Not.Contain("\n"));
            Assert.That(File.Exists(Path.Combine(Root, "supervisord.conf")), Is.False, "no deploy ran");
            Assert.That(Directory.Exists(Path.Combine(Home, ".ssh")), Is.False, "no secret written");
            Assert.That(File.Exists(Path.Combine(Root, "pwned")), Is.False);
        });
    }

    private ManagedProcess Start(string config, Dictionary<string, string> environment)
    {
        var variables = new Dictionary<string, string>
        {
            ["PATH"] = $"{Bin}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            ["HOME"] = Home,
            ["PYTHONPATH"] = Root,
            ["OVERWATCH_ROOT"] = Root,
            ["OVERWATCH_SUPERVISOR_PORT"] = controlPort.ToString(),
            ["config"] = config,
        };
        foreach (var (key, value) in environment) variables[key] = value;
        var process = new ManagedProcess("/bin/sh", [Path.Combine(RepoPaths.Root, "docker", "overwatch-start")], Root, variables);
        started.Add(process);
        return process;
    }

    /// <summary>docker stop: TERM to the start command only.</summary>
    private static void Terminate(ManagedProcess process) =>
        Assert.That(Shell.Run("kill", "-TERM", process.Id.ToString()).ExitCode, Is.EqualTo(0));

    private string Supervisorctl(params string[] arguments) =>
        Shell.Run(RequiredProgram.Find("supervisorctl"), ["-c", Path.Combine(Root, "supervisord.conf"), .. arguments]).StandardOutput;

    private string Status() => Supervisorctl("status");

    /// <summary>A deploy as upstream's writes it, with one program that takes 30 s to count as running.</summary>
    private void WriteSlowDeploy() => WriteScript("overwatchDeploy", """
        printf '[supervisord]\nnodaemon = True\nlogfile = /dev/null\nlogfile_maxbytes = 0\n\n[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n\n[inet_http_server]\nport = :9001\n\n[supervisorctl]\nserverurl = http://127.0.0.1:9001\n\n[program:slow]\ncommand = sleep 100\nstartsecs = 30\n' > supervisord.conf
        supervisorctl update &
        exit 1
        """);

    private void WriteScript(string name, string body)
    {
        var path = Path.Combine(Bin, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories).Where(f => !f.Contains("__pycache__")))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }
}
