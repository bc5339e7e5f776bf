using NUnit.Framework;
using Overwatch.Build.Containers;

namespace Overwatch.Build.Tests.Containers;

/// <summary><c>supervisorctl status</c> as supervisord 3 and 4 print it; the lines decide, not the exit status.</summary>
public sealed class SupervisorStatusTests
{
    [Test]
    public void Each_program_line_gives_its_state_and_description()
    {
        const string output = """
            nginx                            RUNNING   pid 12, uptime 0:00:05
            processing                       STARTING  
            webApp                           BACKOFF   Exited too quickly (process log may have details)
            zodb                             FATAL     Exited too quickly (process log may have details)
            overwatchDeploy                  EXITED    Nov 25 10:16 AM
            """;

        Assert.That(SupervisorStatus.Parse(output), Is.EqualTo(new[]
        {
            new ProgramState("nginx", "RUNNING", "pid 12, uptime 0:00:05"),
            new ProgramState("processing", "STARTING", ""),
            new ProgramState("webApp", "BACKOFF", "Exited too quickly (process log may have details)"),
            new ProgramState("zodb", "FATAL", "Exited too quickly (process log may have details)"),
            new ProgramState("overwatchDeploy", "EXITED", "Nov 25 10:16 AM"),
        }));
    }

    [TestCase("http://127.0.0.1:9001 refused connection")]
    [TestCase("unix:///tmp/overwatch-supervisor.sock no such file")]
    [TestCase("Error: .ini file does not include supervisorctl section\nFor help, use /usr/bin/supervisorctl -h")]
    [TestCase("")]
    public void Lines_that_are_not_a_programs_state_are_left_out(string output)
    {
        Assert.That(SupervisorStatus.Parse(output), Is.Empty);
    }

    [Test]
    public void A_program_of_its_own_group_is_named_without_the_group()
    {
        Assert.That(SupervisorStatus.Parse("webApp:webApp   RUNNING   pid 3, uptime 0:01:00\nreceivers:EMC   RUNNING   pid 4, uptime 0:01:00\n")
            .Select(p => p.Program), Is.EqualTo(new[] { "webApp", "receivers:EMC" }));
    }
}
