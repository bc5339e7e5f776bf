using NUnit.Framework;
using Overwatch.Build.Containers;

namespace Overwatch.Build.Tests.Containers;

/// <summary>The smoke test's decisions, table by table: keep waiting, pass, or fail naming the check and the reason.</summary>
public sealed class SmokeVerdictTests
{
    private static readonly IReadOnlyList<ExpectedProgram> Programs =
        [new("zodb", false), new("webApp", false), new("nginx", false), new("overwatchDeploy", true)];

    private const string Request = "GET http://127.0.0.1:8080/ (Host: smoke.example.org)";

    private static IReadOnlyList<ProgramState> States(params (string Name, string State)[] states) =>
        states.Select(s => new ProgramState(s.Name, SupervisorStates.Parse(s.State)!.Value, s.State == "FATAL" ? "Exited too quickly (process log may have details)" : "")).ToList();

    [TestCase("running 0", true)]
    [TestCase("created 0", true)]
    [TestCase("restarting 1", true)]
    [TestCase("exited 2", false)]
    [TestCase("", false)]
    public void A_container_is_up_while_it_runs_or_is_about_to(string state, bool up)
    {
        Assert.That(SmokeVerdict.IsUp(state), Is.EqualTo(up));
    }

    [TestCase("exited 2", "Error: could not find config file /opt/overwatch/supervisord.conf",
        "the container stopped with exit status 2 before its programs ran (is the image's start command right?)")]
    [TestCase("dead 137", "", "the container stopped with exit status 137 before its programs ran (is the image's start command right?)")]
    [TestCase("", "", "the container stopped before its programs ran (is the image's start command right?)")]
    [TestCase("exited 2", "Error: could not find config file /opt/overwatch/exec/config/supervisord.conf",
        "the container stopped with exit status 2: its start command found no rendered configuration at /opt/overwatch/exec/config/supervisord.conf " +
        "(the rendered files did not reach the container), so it had nothing to run")]
    [TestCase("exited 2", "overwatch-start: nothing to run: mount what RenderConfig rendered at /opt/overwatch/exec (with exec/config/supervisord.conf), or set config",
        "the container stopped with exit status 2: its start command found no rendered configuration at /opt/overwatch/exec/config/supervisord.conf " +
        "(the rendered files did not reach the container), so it had nothing to run")]
    public void A_stopped_container_fails_as_program_not_running_saying_why_from_its_log(string state, string log, string reason)
    {
        var failure = SmokeVerdict.Stopped(state, [log]);

        Assert.That(failure, Is.EqualTo(new SmokeFailure(SmokeCheck.ProgramNotRunning, reason)));
    }

    [Test]
    public void A_web_app_that_uwsgi_cannot_load_fails_naming_the_cause_and_a_log_without_signs_keeps_waiting()
    {
        Assert.That(SmokeVerdict.WebApp(["-- unavailable modifier requested: 0 --"])?.Check, Is.EqualTo(SmokeCheck.WebAppNotLoaded));
        Assert.That(SmokeVerdict.WebApp(["-- unavailable modifier requested: 0 --"])?.Line("3.6.7"), Does.StartWith("smoke test of Python 3.6.7 failed: web app not loaded: uwsgi runs without Python"));
        Assert.That(SmokeVerdict.WebApp(["spawned uWSGI worker 1 (pid: 12, cores: 1)"]), Is.Null);
    }

    [Test]
    public void Every_long_running_program_RUNNING_and_a_short_lived_one_EXITED_leaves_nothing_to_wait_for()
    {
        var states = States(("zodb", "RUNNING"), ("webApp", "RUNNING"), ("nginx", "RUNNING"), ("overwatchDeploy", "EXITED"));

        Assert.That(SmokeVerdict.NotYetRunning(Programs, states), Is.Empty);
        Assert.That(SmokeVerdict.Programs(Programs, states), Is.Null);
    }

    [TestCase("STARTING", "webApp is STARTING")]
    [TestCase("BACKOFF", "webApp is BACKOFF")]
    public void A_program_still_starting_or_retrying_is_waited_for(string state, string waiting)
    {
        var states = States(("zodb", "RUNNING"), ("webApp", state), ("nginx", "RUNNING"), ("overwatchDeploy", "RUNNING"));

        Assert.That(SmokeVerdict.Programs(Programs, states), Is.Null);
        Assert.That(SmokeVerdict.NotYetRunning(Programs, states), Is.EqualTo(waiting));
    }

    [TestCase("FATAL", "webApp is FATAL (Exited too quickly (process log may have details))")]
    [TestCase("EXITED", "webApp is EXITED")]
    [TestCase("STOPPED", "webApp is STOPPED")]
    public void A_program_that_will_not_run_fails_at_once_naming_it(string state, string reason)
    {
        var states = States(("zodb", "RUNNING"), ("webApp", state), ("nginx", "RUNNING"));

        Assert.That(SmokeVerdict.Programs(Programs, states), Is.EqualTo(new SmokeFailure(SmokeCheck.ProgramNotRunning, reason, "webApp")));
    }

    [Test]
    public void Supervisord_not_answering_yet_is_waited_for()
    {
        Assert.That(SmokeVerdict.Programs(Programs, []), Is.Null);
        Assert.That(SmokeVerdict.NotYetRunning(Programs, []), Is.EqualTo("supervisord does not answer supervisorctl"));
    }

    [Test]
    public void A_program_supervisord_does_not_know_is_not_running()
    {
        Assert.That(SmokeVerdict.NotYetRunning(Programs, States(("webApp", "RUNNING"), ("nginx", "RUNNING"))),
            Is.EqualTo("zodb is not known to supervisord, overwatchDeploy is not known to supervisord"));
    }

    [TestCase(200, null)]
    [TestCase(502, null)]
    [TestCase(503, null)]
    [TestCase(504, null)]
    [TestCase(500, "GET http://127.0.0.1:8080/ (Host: smoke.example.org) answered 500 Internal Server Error, expected 200")]
    [TestCase(404, "GET http://127.0.0.1:8080/ (Host: smoke.example.org) answered 404 Internal Server Error, expected 200")]
    public void An_answer_waiting_will_not_change_fails_the_HTTP_check(int status, string? reason)
    {
        var failure = SmokeVerdict.Http(200, new HttpAnswer(status, "Internal Server Error"), Request);

        Assert.That(failure, Is.EqualTo(reason is null ? null : new SmokeFailure(SmokeCheck.HttpStatus, reason)));
    }

    [Test]
    public void No_answer_yet_is_waited_for()
    {
        Assert.That(SmokeVerdict.Http(200, HttpAnswer.None("Connection refused"), Request), Is.Null);
    }

    [Test]
    public void Out_of_time_with_a_program_not_running_names_the_program()
    {
        var failure = SmokeVerdict.TimeOut(TimeSpan.FromSeconds(120), "webApp is BACKOFF", 200, null, Request);

        Assert.That(failure, Is.EqualTo(new SmokeFailure(SmokeCheck.TimeOut, "after 120 s: webApp is BACKOFF")));
        Assert.That(failure.Line("3.6.7"), Is.EqualTo("smoke test of Python 3.6.7 failed: time-out: after 120 s: webApp is BACKOFF"));
    }

    [Test]
    public void Out_of_time_while_nginx_still_answers_502_fails_the_HTTP_check()
    {
        var failure = SmokeVerdict.TimeOut(TimeSpan.FromSeconds(8), "", 200, new HttpAnswer(502, "Bad Gateway"), Request);

        Assert.That(failure.Line("3.6.7"), Is.EqualTo(
            "smoke test of Python 3.6.7 failed: HTTP status: GET http://127.0.0.1:8080/ (Host: smoke.example.org) still answered 502 Bad Gateway after 8 s, expected 200"));
    }

    [Test]
    public void Out_of_time_without_an_answer_says_how_long_the_request_waited()
    {
        var failure = SmokeVerdict.TimeOut(TimeSpan.FromSeconds(8), "", 200, HttpAnswer.None("the last request waited 4.2 s"), Request);

        Assert.That(failure.Line("3.6.7"), Is.EqualTo(
            "smoke test of Python 3.6.7 failed: time-out: GET http://127.0.0.1:8080/ (Host: smoke.example.org) gave no answer within 8 s (the last request waited 4.2 s)"));
    }
}
