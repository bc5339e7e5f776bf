using System.Diagnostics;
using Overwatch.Build.Images;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Infrastructure.Processes;

namespace Overwatch.Build.Containers;

/// <summary>
/// Watches a started app container until every expected program is RUNNING and a request through its nginx
/// (127.0.0.1:PORT inside the container, with the smoke Host header) answers the expected status, or a check fails, or
/// time runs out. Every check runs in the container (docker exec), so it holds on any engine.
/// </summary>
public sealed class SmokeProbe(DockerCli docker)
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(200);

    /// <summary>What is read of the container's log to tell why it stopped or why its web app does not answer.</summary>
    private const int LogLines = 40;

    /// <summary>Null when the image passed.</summary>
    public SmokeFailure? Watch(AppContainer container, IReadOnlyList<ExpectedProgram> programs, SmokeSettings smoke, int port)
    {
        var url = $"http://127.0.0.1:{port}{smoke.Path}";
        var request = $"GET {url} (Host: {smoke.Host})";
        var clock = Stopwatch.StartNew();
        HttpAnswer? last = null;
        var notRunning = "supervisord has not answered yet";
        while (clock.Elapsed < smoke.TimeLimit)
        {
            // Set before the clean-ups remove the container: what the checks see from then on is the clean-up.
            if (Interrupts.Interrupted) throw new OperationCanceledException("the smoke test was interrupted");
            var state = docker.Execute(container.State(), quiet: true).StandardOutput;
            if (!SmokeVerdict.IsUp(state)) return SmokeVerdict.Stopped(state, Log(container));
            var states = SupervisorStatus.Parse(docker.Execute(container.Status(), quiet: true).StandardOutput);
            if (SmokeVerdict.Programs(programs, states) is { } fatal) return fatal;
            notRunning = SmokeVerdict.NotYetRunning(programs, states);
            if (notRunning.Length == 0)
            {
                var remaining = smoke.TimeLimit - clock.Elapsed;
                if (remaining <= TimeSpan.Zero) break;
                var sent = docker.Execute(container.Get(url, smoke.Host, remaining), quiet: true);
                if (sent.ExitCode == SmokeHttpGet.NoClient)
                    return new SmokeFailure(SmokeCheck.HttpStatus, $"cannot send {request} inside the container: {sent.LastLine}");
                last = SmokeHttpGet.Read(sent.ExitCode, sent.LastLines, remaining);
                if (last.Status == smoke.ExpectedStatus) return null;
                // uwsgi runs but cannot serve: nginx's 502 (or uwsgi's 500) would last the whole time limit.
                if (last.Status is not null && SmokeVerdict.WebApp(Log(container)) is { } notLoaded) return notLoaded;
                if (SmokeVerdict.Http(smoke.ExpectedStatus, last, request) is { } wrong) return wrong;
            }
            Thread.Sleep(Pause);
        }
        return SmokeVerdict.TimeOut(smoke.TimeLimit, notRunning, smoke.ExpectedStatus, last, request);
    }

    private IReadOnlyList<string> Log(AppContainer container) => docker.Execute(container.Logs(LogLines), quiet: true).LastLines;
}
