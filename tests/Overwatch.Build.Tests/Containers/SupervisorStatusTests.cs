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
            new ProgramState("nginx", SupervisorState.Running, "pid 12, uptime 0:00:05"),
            new ProgramState("processing", SupervisorState.Starting, ""),
            new ProgramState("webApp", SupervisorState.Backoff, "Exited too quickly (process log may have details)"),
            new ProgramState("zodb", SupervisorState.Fatal, "Exited too quickly (process log may have details)"),
            new ProgramState("overwatchDeploy", SupervisorState.Exited, "Nov 25 10:16 AM"),
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

    [TestCase("STOPPED", SupervisorState.Stopped)]
    [TestCase("STARTING", SupervisorState.Starting)]
    [TestCase("RUNNING", SupervisorState.Running)]
    [TestCase("BACKOFF", SupervisorState.Backoff)]
    [TestCase("STOPPING", SupervisorState.Stopping)]
    [TestCase("EXITED", SupervisorState.Exited)]
    [TestCase("FATAL", SupervisorState.Fatal)]
    [TestCase("UNKNOWN", SupervisorState.Unknown)]
    public void Each_state_supervisorctl_prints_is_read_and_printed_back_the_same(string name, SupervisorState state)
    {
        Assert.That(SupervisorStates.Parse(name), Is.EqualTo(state));
        Assert.That(state.Text(), Is.EqualTo(name));
    }

    [TestCase("running")]
    [TestCase("Running")]
    [TestCase("RUNNING,")]
    [TestCase("refused")]
    [TestCase("")]
    public void Any_other_word_is_no_state(string name)
    {
        Assert.That(SupervisorStates.Parse(name), Is.Null);
    }

    [TestCase(SupervisorState.Fatal, true)]
    [TestCase(SupervisorState.Stopped, true)]
    [TestCase(SupervisorState.Unknown, true)]
    [TestCase(SupervisorState.Running, false)]
    [TestCase(SupervisorState.Starting, false)]
    [TestCase(SupervisorState.Backoff, false)]
    [TestCase(SupervisorState.Stopping, false)]
    [TestCase(SupervisorState.Exited, false)]
    public void Only_fatal_stopped_and_unknown_are_final(SupervisorState state, bool final)
    {
        Assert.That(state.IsFinal(), Is.EqualTo(final));
    }
}
