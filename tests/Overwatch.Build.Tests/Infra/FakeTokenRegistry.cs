using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Overwatch.Build.Tests.Infra;

/// <summary>
/// A test double of a registry with token auth (as Docker Hub, GHCR, GitLab) on 127.0.0.1: /v2/ answers 401 with a
/// Bearer challenge until a request carries the token its /token endpoint gives for the right Basic credentials.
/// It stores manifests by repository and tag (an index only for clients that accept its type, as docker-registry) and
/// config blobs by digest, can answer chosen statuses or not at all, and logs every request.
/// </summary>
public sealed class FakeTokenRegistry : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly string username;
    private readonly string password;
    private readonly string token = "tok-" + Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, (byte[] Content, string Type)> manifests = new();
    private readonly ConcurrentDictionary<string, byte[]> blobs = new();
    private readonly ConcurrentQueue<string> requests = new();
    private readonly ConcurrentQueue<string> tokenQueries = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;

    /// <param name="basic">Challenge with Basic instead of Bearer (docker-registry with htpasswd).</param>
    public FakeTokenRegistry(string username, string password, bool basic = false)
    {
        this.username = username;
        this.password = password;
        Basic = basic;
        Port = FreePort.Listen(listener);
        loop = Task.Run(AcceptLoop);
    }

    public int Port { get; }
    public string Address => $"127.0.0.1:{Port}";
    public bool Basic { get; }

    /// <summary>Where the Bearer challenge sends clients for a token; tests point it elsewhere.</summary>
    public string Realm { get; set; } = "";

    /// <summary>Every /v2/ request as "METHOD path auth" (auth: none, basic, bearer).</summary>
    public IReadOnlyList<string> Requests => requests.ToList();

    /// <summary>The query of every token request.</summary>
    public IReadOnlyList<string> TokenQueries => tokenQueries.ToList();

    /// <summary>The status every manifest request gets instead of an answer (null: answer; 0: never answer).</summary>
    public int? ManifestStatus { get; set; }

    /// <summary>docker-registry's answer to a GET of an index whose Accept lacks the index type.</summary>
    public const string NotAccepted = """{"errors":[{"code":"MANIFEST_UNKNOWN","message":"OCI index found, but accept header does not support OCI indexes"}]}""";

    /// <summary>The error body that goes with <see cref="ManifestStatus"/>.</summary>
    public string ManifestError { get; set; } = """{"errors":[{"code":"UNKNOWN"}]}""";

    /// <summary>Stores a blob (an image config) under its digest; returns the digest.</summary>
    public string StoreBlob(byte[] content)
    {
        var digest = Digest(content);
        blobs[digest] = content;
        return digest;
    }

    public void Store(string repository, string tag, byte[] content, string type) => manifests[$"{repository}:{tag}"] = (content, type);

    public byte[]? Stored(string repository, string tag) => manifests.TryGetValue($"{repository}:{tag}", out var m) ? m.Content : null;

    public static string Digest(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    private async Task AcceptLoop()
    {
        while (!stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception)
            {
                return;
            }
            _ = Task.Run(() => Handle(context));
        }
    }

    private async Task Handle(HttpListenerContext context)
    {
        var (request, response) = (context.Request, context.Response);
        var path = request.Url!.AbsolutePath;
        var auth = request.Headers["Authorization"] ?? "";
        try
        {
            if (path == "/token")
            {
                tokenQueries.Enqueue(request.Url.Query);
                if (auth != "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")))
                {
                    response.StatusCode = 401;
                    response.Close();
                    return;
                }
                await Answer(response, 200, Encoding.UTF8.GetBytes($$"""{"token":"{{token}}","expires_in":300}"""), "application/json");
                return;
            }
            requests.Enqueue($"{request.HttpMethod} {path} {(auth.StartsWith("Bearer ") ? "bearer" : auth.StartsWith("Basic ") ? "basic" : "none")}");
            if (!Authorized(auth))
            {
                response.Headers["WWW-Authenticate"] = Basic
                    ? "Basic realm=\"fake\""
                    : $"Bearer realm=\"{(Realm.Length > 0 ? Realm : $"http://{Address}/token")}\",service=\"fake-registry\",scope=\"repository:ns/app:pull\"";
                await Answer(response, 401, Encoding.UTF8.GetBytes("""{"errors":[{"code":"UNAUTHORIZED"}]}"""), "application/json");
                return;
            }
            if (ManifestStatus is { } status)
            {
                if (status == 0)
                {
                    try { await Task.Delay(Timeout.Infinite, stopping.Token); } catch (OperationCanceledException) { }
                    response.Abort();
                    return;
                }
                await Answer(response, status, request.HttpMethod == "HEAD" ? [] : Encoding.UTF8.GetBytes(ManifestError), "application/json");
                return;
            }
            if (path.Contains("/blobs/", StringComparison.Ordinal))
            {
                if (blobs.TryGetValue(path.Split("/blobs/")[1], out var blob)) await Answer(response, 200, blob, "application/octet-stream");
                else await Answer(response, 404, Encoding.UTF8.GetBytes("""{"errors":[{"code":"BLOB_UNKNOWN"}]}"""), "application/json");
                return;
            }
            var parts = path.Split("/manifests/");
            var key = $"{parts[0]["/v2/".Length..]}:{parts[1]}";
            if (request.HttpMethod == "PUT")
            {
                using var body = new MemoryStream();
                await request.InputStream.CopyToAsync(body);
                manifests[key] = (body.ToArray(), request.ContentType ?? "");
                response.Headers["Docker-Content-Digest"] = Digest(body.ToArray());
                await Answer(response, 201, [], "text/plain");
                return;
            }
            var repository = parts[0]["/v2/".Length..];
            var found = parts[1].StartsWith("sha256:", StringComparison.Ordinal)
                ? manifests.Where(m => m.Key.StartsWith(repository + ":", StringComparison.Ordinal) && Digest(m.Value.Content) == parts[1]).Select(m => m.Value).FirstOrDefault()
                : manifests.TryGetValue(key, out var byTag) ? byTag : default;
            if (found.Content is not { } content)
            {
                await Answer(response, 404, Encoding.UTF8.GetBytes("""{"errors":[{"code":"MANIFEST_UNKNOWN"}]}"""), "application/json");
                return;
            }
            // As docker-registry: an index or list is served only to a client that accepts its type.
            if (found.Type.Contains("index", StringComparison.Ordinal) || found.Type.Contains("list", StringComparison.Ordinal))
                if (!(request.Headers["Accept"] ?? "").Contains(found.Type, StringComparison.Ordinal))
                {
                    await Answer(response, 404, Encoding.UTF8.GetBytes(NotAccepted), "application/json");
                    return;
                }
            response.Headers["Docker-Content-Digest"] = Digest(content);
            if (request.HttpMethod == "HEAD")
            {
                response.StatusCode = 200;
                response.ContentType = found.Type;
                response.Close();
                return;
            }
            await Answer(response, 200, content, found.Type);
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
        }
        catch (HttpListenerException)
        {
        }
    }

    private bool Authorized(string auth) => Basic
        ? auth == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}"))
        : auth == "Bearer " + token;

    private static async Task Answer(HttpListenerResponse response, int status, byte[] body, string type)
    {
        response.StatusCode = status;
        response.ContentType = type;
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
        response.Close();
    }

    public void Dispose()
    {
        stopping.Cancel();
        try { listener.Stop(); listener.Close(); } catch (ObjectDisposedException) { }
        try { loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
