using NUnit.Framework;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.EndToEnd;

/// <summary>./build.sh --target=SupervisorUpdate against a real supervisord, and against none.</summary>
[TestFixture, Category("EndToEnd"), NonParallelizable]
public sealed class SupervisorUpdateTargetTests
{
    private TempDirectory work = null!;
    private string exec = null!;

    [SetUp]
    public void RenderAMinimalDeployment()
    {
        work = new TempDirectory("owb-supervisor");
        exec = work.Combine("exec");
        var yaml = $"""
            supervisor: true
            supervisorControl:
                port: {FreePort.OnLoopback()}
            executables:
                processing:
                    enabled: true
            """;
        var render = BuildScript.Run(["--target=RenderConfig", $"--exec-dir={exec}"], new() { ["config"] = yaml });
        Assert.That(render.ExitCode, Is.EqualTo(0), render.ToString());
    }

    [TearDown]
    public void RemoveWorkDirectory() => work.Dispose();

    [Test]
    public void RunningSupervisord_ReloadsItsPrograms()
    {
        using var supervisord = new Supervisord(Path.Combine(exec, "config", "supervisord.conf"), RepoPaths.Root);
        Assert.That(supervisord.Status("processing"), Does.Contain("processing"));

        var result = BuildScript.Run(["--target=SupervisorUpdate", $"--exec-dir={exec}"]);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("supervisorctl -c " + Path.Combine(exec, "config", "supervisord.conf") + " update"));
    }

    [Test]
    public void NoSupervisord_ExplainsTheRefusedConnectionAndFails()
    {
        RequiredProgram.Find("supervisorctl");

        var result = BuildScript.Run(["--target=SupervisorUpdate", $"--exec-dir={exec}"]);

        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        Assert.That(result.StandardError, Does.Contain("supervisord is not running"));
        Assert.That(result.StandardError, Does.Contain("harmless if you did not mean to use supervisor"));
        Assert.That(result.StandardError, Does.Contain("'supervisor: false'"));
        Assert.That(result.StandardError, Does.Not.Contain("Traceback").And.Not.Contain("   at "));
    }

    [Test]
    public void NothingRendered_SaysToRenderFirst()
    {
        var result = BuildScript.Run(["--target=SupervisorUpdate", $"--exec-dir={work.Combine("elsewhere")}"]);

        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        Assert.That(result.StandardError, Does.Contain("does not exist: render it first with ./build.sh --target=RenderConfig"));
    }
}
