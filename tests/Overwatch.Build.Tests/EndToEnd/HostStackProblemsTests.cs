using NUnit.Framework;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.EndToEnd;

/// <summary>
/// Compose --network=host reports every mistake of the deploy YAML in one run, each with its YAML path and line: the
/// YAML's own, those of host networking (nginx.listen) and those of the container's deployment root (nginx.basePath),
/// naming no flag the user did not pass; nothing is written. The newcomer's YAML of the issue, with more mistakes.
/// </summary>
[TestFixture, Category("EndToEnd")]
public sealed class HostStackProblemsTests
{
    // A plain webApp + processing YAML: nginx's listen and basePath left at upstream's defaults (80, /etc/nginx),
    // a typo in a switch and a secret whose variable is not set.
    private const string Yaml = """
        supervisor: true
        environment:
            sshKey: {enabled: true, writeLocation: "exec/secrets/sshKey"}
        executables:
            processing:
                enabled: ture
            webApp:
                enabled: true
                uwsgi: {enabled: true, module: "overwatch.webApp.run", uwsgi-socket: "exec/sockets/{name}.sock", plugins: python3}
                nginx:
                    enabled: true
                    webAppName: webApp
                additionalOptions: {databaseLocation: "zeo://127.0.0.1:2345"}
        """;

    [Test]
    public void EveryMistake_IsListedInOneRun_WithItsPathAndLine_AndNoFlagTheUserDidNotPass()
    {
        if (Environment.UserName != "root") RequiredProgram.Unavailable("Compose --network=host runs as root (it chowns to the image's user)");
        using var work = new TempDirectory("owb-hostproblems");
        File.WriteAllText(work.Combine("deploy.yaml"), Yaml);
        var port = FreePort.OnLoopback();

        var result = BuildScript.Run(
            ["--target=Compose", "--network=host", $"--deploy-config={work.Combine("deploy.yaml")}", $"--exec-dir={work.Combine("exec")}",
             $"--data-dir={work.Combine("data")}", "--python-version=3.6.7", "--branch=master"],
            new() { ["externalIP"] = "127.0.0.1", ["externalPort"] = port.ToString() });

        Assert.That(result.ExitCode, Is.Not.EqualTo(0), result.ToString());
        var problems = result.StandardError.Split('\n').Where(l => l.StartsWith("  ", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.StandardError, Does.Contain("Error: the deploy configuration has 4 problems:"), result.ToString());
            Assert.That(problems, Has.One.StartsWith("executables.processing.enabled (line 6): expected true or false, got 'ture'"));
            Assert.That(problems, Has.One.StartsWith("$sshKey (line 3): environment.sshKey is enabled but the environment variable 'sshKey' is not set"));
            Assert.That(problems, Has.One.StartsWith("executables.webApp.nginx.basePath (line 10): /etc/nginx (the default) is outside the container's deployment root /opt/overwatch"));
            Assert.That(problems, Has.One.StartsWith($"executables.webApp.nginx.listen (line 10): service overwatch: listen is '80' (the default), but with --network=host " +
                $"nginx must listen where Overwatch is published, externalIP:externalPort = 127.0.0.1:{port}"));
            Assert.That(result.StandardError, Does.Not.Contain("--deployment-root"));
            Assert.That(Directory.Exists(work.Combine("exec", "stack")), Is.False, "nothing is written");
        });
    }

    // Both were read only after `compose up` had started the stack, which then ran on behind the error.
    [TestCase("--up-timeout=soon", "Error: --up-timeout=soon is not a number of seconds: use 1 to 3600")]
    [TestCase("--virtual-host=not a host", "Error: --virtual-host=not a host is not a host name")]
    public void A_bad_up_argument_is_refused_before_anything_is_written_or_started(string argument, string error)
    {
        if (Environment.UserName != "root") RequiredProgram.Unavailable("Compose --network=host runs as root (it chowns to the image's user)");
        using var work = new TempDirectory("owb-hostargs");
        File.WriteAllText(work.Combine("deploy.yaml"), Yaml);

        var result = BuildScript.Run(
            ["--target=Compose", "--network=host", "--up", argument, $"--deploy-config={work.Combine("deploy.yaml")}",
             $"--exec-dir={work.Combine("exec")}", $"--data-dir={work.Combine("data")}", "--python-version=3.6.7", "--branch=master"],
            new() { ["externalIP"] = "127.0.0.1", ["externalPort"] = FreePort.OnLoopback().ToString() });

        Assert.That(result.ExitCode, Is.Not.EqualTo(0), result.ToString());
        Assert.That(result.StandardError, Does.Contain(error), result.ToString());
        Assert.That(Directory.Exists(work.Combine("exec")), Is.False, "nothing is written");
    }
}
