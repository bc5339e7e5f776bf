using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;

namespace Overwatch.Build.Tests.Infra;

/// <summary>
/// An HTTP proxy on 127.0.0.1 in front of a real registry that answers chosen requests with a fault
/// (a status, a reset connection, or no answer at all) a given number of times, and forwards the rest.
/// </summary>
public sealed class FaultProxy : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly HttpClient upstream = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };
    private readonly string upstreamAddress;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Fault> faults = [];
    private readonly ConcurrentQueue<string> served = new();
    private readonly ConcurrentQueue<string> requests = new();
    private readonly Task loop;

    public FaultProxy(string upstreamAddress)
    {
        this.upstreamAddress = upstreamAddress;
        Port = FreePort.Listen(listener);
        loop = Task.Run(AcceptLoop);
    }

    public int Port { get; }
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>Each fault served, as "METHOD path -> what", in order.</summary>
    public IReadOnlyList<string> Served => served.ToList();

    /// <summary>Every request received, faulted or forwarded, as "METHOD path", in order.</summary>
    public IReadOnlyList<string> Requests => requests.ToList();

    /// <summary>The next <paramref name="times"/> requests matching method and path get <paramref name="action"/>.</summary>
    public void Inject(string method, string pathPattern, FaultAction action, int times = 1)
    {
        lock (faults) faults.Add(new Fault(method, new Regex(pathPattern), action, times));
    }

    private async Task AcceptLoop()
    {
        while (!stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            _ = Task.Run(() => Handle(context));
        }
    }

    private async Task Handle(HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.Url!.AbsolutePath;
        requests.Enqueue($"{request.HttpMethod} {path}");
        var fault = Take(request.HttpMethod, path);
        try
        {
            if (fault is not null)
            {
                served.Enqueue($"{request.HttpMethod} {path} -> {fault}");
                await Serve(context, fault);
                return;
            }
            await Forward(context);
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
        }
        catch (HttpListenerException)
        {
            // The client went away.
        }
        catch (IOException)
        {
        }
    }

    private FaultAction? Take(string method, string path)
    {
        lock (faults)
        {
            var fault = faults.FirstOrDefault(f => f.Remaining > 0
                && string.Equals(f.Method, method, StringComparison.OrdinalIgnoreCase) && f.Path.IsMatch(path));
            if (fault is null) return null;
            fault.Remaining--;
            return fault.Action;
        }
    }

    private async Task Serve(HttpListenerContext context, FaultAction fault)
    {
        switch (fault)
        {
            case FaultAction.Status status:
                context.Response.StatusCode = status.Code;
                if (status.RetryAfterSeconds is { } wait) context.Response.Headers["Retry-After"] = wait.ToString();
                context.Response.ContentType = "application/json";
                var body = System.Text.Encoding.UTF8.GetBytes(
                    $$"""{"errors":[{"code":"{{status.ErrorCode}}","message":"injected fault {{status.Code}}"}]}""");
                context.Response.ContentLength64 = body.Length;
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
                break;
            case FaultAction.Reset:
                context.Response.Abort();
                break;
            case FaultAction.Hang:
                // Never answers; the connection is dropped when the proxy stops.
                try { await Task.Delay(Timeout.Infinite, stopping.Token); } catch (OperationCanceledException) { }
                context.Response.Abort();
                break;
        }
    }

    private async Task Forward(HttpListenerContext context)
    {
        var request = context.Request;
        using var message = new HttpRequestMessage(new HttpMethod(request.HttpMethod), $"http://{upstreamAddress}{request.Url!.PathAndQuery}");
        if (request.HasEntityBody || request.ContentLength64 > 0)
        {
            message.Content = new StreamContent(request.InputStream);
            if (request.ContentLength64 >= 0) message.Content.Headers.ContentLength = request.ContentLength64;
        }
        foreach (var name in request.Headers.AllKeys)
        {
            if (name is null || name.Equals("Connection", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) continue;
            var values = request.Headers.GetValues(name) ?? [];
            if (!message.Headers.TryAddWithoutValidation(name, values)) message.Content?.Headers.TryAddWithoutValidation(name, values);
        }
        // The registry builds upload URLs from the Host header: they must come back to the proxy.
        message.Headers.Host = Address;

        using var answer = await upstream.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, stopping.Token);
        var response = context.Response;
        response.StatusCode = (int)answer.StatusCode;
        foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
        {
            if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Connection", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) continue;
            response.Headers[name] = string.Join(",", values);
        }
        if (answer.Content.Headers.ContentLength is { } length) response.ContentLength64 = length;
        else response.SendChunked = true;
        await answer.Content.CopyToAsync(response.OutputStream, stopping.Token);
        response.Close();
    }

    public void Dispose()
    {
        stopping.Cancel();
        try { listener.Stop(); listener.Close(); } catch (ObjectDisposedException) { }
        try { loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        upstream.Dispose();
    }

    private sealed class Fault(string method, Regex path, FaultAction action, int times)
    {
        public string Method { get; } = method;
        public Regex Path { get; } = path;
        public FaultAction Action { get; } = action;
        public int Remaining { get; set; } = times;
    }
}

/// <summary>What the proxy does instead of forwarding.</summary>
public abstract record FaultAction
{
    public sealed record Status(int Code, int? RetryAfterSeconds = null, string ErrorCode = "UNKNOWN") : FaultAction
    {
        public override string ToString() => RetryAfterSeconds is { } s ? $"{Code} (Retry-After {s})" : Code.ToString();
    }

    public sealed record Reset : FaultAction
    {
        public override string ToString() => "reset";
    }

    public sealed record Hang : FaultAction
    {
        public override string ToString() => "no answer";
    }
}
