using System.Diagnostics;
using Overwatch.Build.Images;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Infrastructure.Processes;

namespace Overwatch.Build.Containers;

/// <summary>
/// Watches a started app container until every expected program is RUNNING and a request through its nginx
/// (127.0.0.1:PORT with the smoke Host header) answers the expected status, or a check fails, or time runs out.
/// </summary>
public sealed class SmokeProbe(DockerCli docker)
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(200);

    /// <summary>Null when the image passed.</summary>
    public SmokeFailure? Watch(AppContainer container, IReadOnlyList<ExpectedProgram> programs, SmokeSettings smoke, int port)
    {
        var request = $"GET http://127.0.0.1:{port}{smoke.Path} (Host: {smoke.Host})";
        var clock = Stopwatch.StartNew();
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
        HttpAnswer? last = null;
        var notRunning = "supervisord has not answered yet";
        while (clock.Elapsed < smoke.TimeLimit)
        {
            // Set before the clean-ups remove the container: what the checks see from then on is the clean-up.
            if (Interrupts.Interrupted) throw new OperationCanceledException("the smoke test was interrupted");
            if (SmokeVerdict.Container(docker.Execute(container.State(), quiet: true).StandardOutput) is { } stopped) return stopped;
            var states = SupervisorStatus.Parse(docker.Execute(container.Status(), quiet: true).StandardOutput);
            if (SmokeVerdict.Programs(programs, states) is { } fatal) return fatal;
            notRunning = SmokeVerdict.NotYetRunning(programs, states);
            if (notRunning.Length == 0)
            {
                last = Get(http, port, smoke, smoke.TimeLimit - clock.Elapsed);
                if (last.Status == smoke.ExpectedStatus) return null;
                if (SmokeVerdict.Http(smoke.ExpectedStatus, last, request) is { } wrong) return wrong;
            }
            Thread.Sleep(Pause);
        }
        return SmokeVerdict.TimeOut(smoke.TimeLimit, notRunning, smoke.ExpectedStatus, last, request);
    }

    private static HttpAnswer Get(HttpClient http, int port, SmokeSettings smoke, TimeSpan remaining)
    {
        if (remaining <= TimeSpan.Zero) return HttpAnswer.None("no time left");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Interrupts.Token);
        cancel.CancelAfter(remaining);
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}{smoke.Path}");
            message.Headers.Host = smoke.Host;
            using var response = http.Send(message, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
            return new HttpAnswer((int)response.StatusCode, response.ReasonPhrase ?? "");
        }
        catch (HttpRequestException e)
        {
            return HttpAnswer.None(e.InnerException?.Message ?? e.Message);
        }
        catch (OperationCanceledException) when (!Interrupts.Interrupted)
        {
            return HttpAnswer.None($"the last request waited {remaining.TotalSeconds:0.#} s");
        }
    }
}
