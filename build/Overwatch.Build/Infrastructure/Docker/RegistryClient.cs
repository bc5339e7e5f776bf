using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Overwatch.Build.Infrastructure.Processes;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>
/// A small client of a registry's HTTP API (Distribution v2): reads the manifest a tag holds (Docker v2 or OCI, single
/// image or list/index) and the labels of its image, and puts a manifest under a tag. Basic auth (htpasswd) and Bearer
/// tokens (WWW-Authenticate challenge, then the token endpoint with the credentials) as the registry asks. Whatever
/// goes wrong (no credentials, TLS, a time-out, a 5xx, an answer it does not read) is "unknown", never an exception;
/// the caller decides what unknown means (docker pushes as it would anyway; a release push is refused).
/// The credentials and tokens live in memory only and are never part of a returned reason.
/// </summary>
public sealed class RegistryClient : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    private readonly string registry;
    private readonly Uri api;
    private readonly Credentials? credentials;
    private readonly HttpClient http;
    private readonly object gate = new();
    private readonly Dictionary<string, string> tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RegistryManifest> manifests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> labels = new(StringComparer.Ordinal);
    private bool basic;

    public RegistryClient(string registry, Credentials? credentials, TimeSpan? timeout = null)
    {
        this.registry = registry;
        this.credentials = credentials;
        api = RegistryHost.ApiBase(registry);
        var limit = timeout ?? DefaultTimeout;
        http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            // A proxy is for the world outside; docker's daemon does not send loopback through one either.
            UseProxy = !RegistryHost.IsLoopback(registry),
            ConnectTimeout = limit,
        }) { Timeout = limit };
    }

    /// <summary>
    /// The manifest the registry holds under the reference's tag. A HEAD names its digest; its bytes are then fetched
    /// by digest, once per digest (tags of one image share it), and for a list or index its linux/amd64 manifest too.
    /// Docker Hub counts manifest GETs as pulls, not HEADs. A 404 is "absent" only when the registry does not say it
    /// holds something it will not serve (docker-registry answers 404 to a GET whose Accept lacks the index type).
    /// </summary>
    public TagLookup Manifest(string reference)
    {
        if (RegistryReference.Parse(registry, reference) is not { } target) return TagLookup.Unsure($"not a tag in {registry}");
        return Ask(stop =>
        {
            var (response, refused) = Send(() => ManifestRequest(HttpMethod.Head, target.Repository, target.Tag), target.Repository, stop);
            if (response is null) return TagLookup.Unsure(refused!);
            string? digest;
            using (response)
            {
                // A HEAD has no body to say why: the GET below tells.
                if (response.StatusCode != HttpStatusCode.OK && response.StatusCode != HttpStatusCode.NotFound) return TagLookup.Unsure(Answered(response));
                digest = response.StatusCode == HttpStatusCode.OK ? Digest(response) : null;
            }
            if (digest is not null && Known(target.Repository, digest) is { } known) return TagLookup.Held(known);
            return Get(target.Repository, digest ?? target.Tag, digest, stop);
        }, TagLookup.Unsure);
    }

    private RegistryManifest? Known(string repository, string digest)
    {
        lock (gate) return manifests.GetValueOrDefault($"{repository}@{digest}");
    }

    private TagLookup Get(string repository, string tagOrDigest, string? digest, CancellationToken stop)
    {
        var (manifest, platform, unknown) = Fetch(repository, tagOrDigest, digest, stop);
        if (manifest is null) return unknown is null ? TagLookup.Absent : TagLookup.Unsure(unknown);
        if (platform is not null)
        {
            var (image, nested, odd) = Fetch(repository, platform, platform, stop);
            if (image is null || nested is not null)
                return TagLookup.Unsure(odd ?? (nested is not null ? "an image index inside an image index" : $"the index names {platform}, which the registry does not hold"));
            manifest = manifest.WithImage(image);
        }
        lock (gate) manifests[$"{repository}@{manifest.Digest}"] = manifest;
        return TagLookup.Held(manifest);
    }

    /// <returns>The manifest (for a list: and the digest of its linux/amd64 image), or null with why (null: not there).</returns>
    private (RegistryManifest? Manifest, string? Platform, string? Unknown) Fetch(string repository, string tagOrDigest, string? digest, CancellationToken stop)
    {
        var (response, refused) = Send(() => ManifestRequest(HttpMethod.Get, repository, tagOrDigest), repository, stop);
        if (response is null) return (null, null, refused!);
        using (response)
        {
            var content = response.Content.ReadAsByteArrayAsync(stop).GetAwaiter().GetResult();
            if (response.StatusCode == HttpStatusCode.NotFound) return (null, null, RegistryError.HeldButNotServed(content));
            if (response.StatusCode != HttpStatusCode.OK) return (null, null, Answered(response));
            return RegistryManifest.Read(content, response.Content.Headers.ContentType?.MediaType, Digest(response) ?? digest);
        }
    }

    private HttpRequestMessage ManifestRequest(HttpMethod method, string repository, string tagOrDigest)
    {
        var request = new HttpRequestMessage(method, new Uri(api, $"v2/{repository}/manifests/{tagOrDigest}"));
        foreach (var type in RegistryManifest.Accepted) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        return request;
    }

    /// <summary>
    /// The labels of the image a tag holds, from its config blob (what `docker image inspect` shows as
    /// .Config.Labels): read without pulling the image. Fetched once per config digest.
    /// </summary>
    /// <returns>The labels (empty when the image has none), or null and why they could not be read.</returns>
    public (IReadOnlyDictionary<string, string>? Labels, string? Unknown) Labels(string reference, RegistryManifest manifest)
    {
        if (RegistryReference.Parse(registry, reference) is not { } target) return (null, $"not a tag in {registry}");
        lock (gate)
            if (labels.TryGetValue(manifest.ConfigDigest, out var known)) return (known, null);
        return Ask(stop =>
        {
            var (content, why) = Blob(target.Repository, manifest.ConfigDigest, stop);
            if (content is null) return (null, why);
            var (read, odd) = ImageConfigLabels.Read(content, manifest.ConfigDigest);
            if (read is not null)
                lock (gate) labels[manifest.ConfigDigest] = read;
            return (read, odd);
        }, why => ((IReadOnlyDictionary<string, string>?)null, why));
    }

    /// <summary>A blob by digest; registries often redirect to a storage host, which gets no credentials.</summary>
    private (byte[]? Content, string? Unknown) Blob(string repository, string digest, CancellationToken stop)
    {
        var (response, refused) = Send(() => new HttpRequestMessage(HttpMethod.Get, new Uri(api, $"v2/{repository}/blobs/{digest}")), repository, stop);
        if (response is null) return (null, refused);
        for (var hops = 0; ; hops++)
        {
            HttpRequestMessage next;
            try
            {
                if (response.StatusCode == HttpStatusCode.OK) return (response.Content.ReadAsByteArrayAsync(stop).GetAwaiter().GetResult(), null);
                if ((int)response.StatusCode is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location || hops == 3)
                    return (null, $"{Answered(response)} for the image config {digest}");
                var url = location.IsAbsoluteUri ? location : new Uri(response.RequestMessage!.RequestUri!, location);
                next = new HttpRequestMessage(HttpMethod.Get, url);
                if (url.Authority == api.Authority) next.Headers.Authorization = Authorization(repository);
            }
            finally
            {
                response.Dispose();
            }
            using (next) response = http.Send(next, HttpCompletionOption.ResponseContentRead, stop);
        }
    }

    /// <summary>Puts the manifest's exact bytes under the reference's tag.</summary>
    /// <returns>Null when the registry now holds it under that tag (same digest), else why not.</returns>
    public string? PutManifest(string reference, RegistryManifest manifest)
    {
        if (RegistryReference.Parse(registry, reference) is not { } target) return $"not a tag in {registry}";
        return Ask<string?>(stop =>
        {
            var (response, refused) = Send(() =>
            {
                var request = new HttpRequestMessage(HttpMethod.Put, new Uri(api, $"v2/{target.Repository}/manifests/{target.Tag}"))
                {
                    Content = new ByteArrayContent(manifest.Content),
                };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(manifest.MediaType);
                return request;
            }, target.Repository, stop);
            if (response is null) return refused;
            using (response)
            {
                if (response.StatusCode != HttpStatusCode.Created && response.StatusCode != HttpStatusCode.OK) return Answered(response);
                var digest = Digest(response);
                return digest is null || digest == manifest.Digest ? null : $"the registry stored it as {digest}, not {manifest.Digest}";
            }
        }, why => why);
    }

    /// <summary>
    /// Answers the registry's authentication challenge for the reference's repository in the background (and warms
    /// the HTTP stack), while the images build, so the lookups before the pushes start with the credentials ready.
    /// Nothing is decided from it.
    /// </summary>
    public void Prepare(string reference) => _ = Task.Run(() =>
    {
        try
        {
            Manifest(reference);
        }
        catch (OperationCanceledException)
        {
            // Interrupted: nothing to prepare for.
        }
    });

    /// <summary>
    /// Runs one question with the run's and the lane's stop: a stop is the run's (it propagates), anything else
    /// that goes wrong is an unknown answer.
    /// </summary>
    private T Ask<T>(Func<CancellationToken, T> question, Func<string, T> unknown)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Lane.Current?.Cancellation ?? CancellationToken.None, Interrupts.Token);
        try
        {
            return question(stop.Token);
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            Lane.ThrowIfStopped();
            throw;
        }
        catch (Exception e) when (e is not LaneStoppedException)
        {
            // Deliberately broad: the client must never turn into a failure of the run.
            return unknown(Describe(e));
        }
    }

    /// <summary>
    /// Sends the request, answering an authentication challenge once: Basic with the credentials, or a Bearer
    /// token for this repository from the challenge's token endpoint. What was learnt is kept for later requests.
    /// </summary>
    private (HttpResponseMessage? Response, string? Refused) Send(Func<HttpRequestMessage> make, string repository, CancellationToken stop)
    {
        if (credentials is null) return (null, "no credentials");
        for (var attempt = 1; ; attempt++)
        {
            using var request = make();
            request.Headers.Authorization = Authorization(repository);
            var response = http.Send(request, HttpCompletionOption.ResponseContentRead, stop);
            if (response.StatusCode != HttpStatusCode.Unauthorized) return (response, null);
            var challenge = AuthChallenge.Parse(response.Headers.TryGetValues("WWW-Authenticate", out var values) ? values.FirstOrDefault() : null);
            response.Dispose();
            if (attempt > 1 || challenge is null) return (null, "registry refused the credentials (401 unauthorized)");
            if (Learn(challenge, repository, stop) is { } why) return (null, why);
        }
    }

    private AuthenticationHeaderValue? Authorization(string repository)
    {
        lock (gate)
        {
            if (tokens.TryGetValue(repository, out var token)) return new AuthenticationHeaderValue("Bearer", token);
            return basic ? BasicCredentials() : null;
        }
    }

    private AuthenticationHeaderValue BasicCredentials() =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials!.Username}:{credentials.Password}")));

    /// <returns>Null when the challenge is answered (the next request carries it), else why not.</returns>
    private string? Learn(AuthChallenge challenge, string repository, CancellationToken stop)
    {
        if (challenge.IsBasic)
        {
            lock (gate) basic = true;
            return null;
        }
        if (!challenge.IsBearer) return $"an authentication scheme this client does not speak ({challenge.Scheme})";
        if (!Uri.TryCreate(challenge["realm"], UriKind.Absolute, out var realm)) return "a Bearer challenge without a token endpoint";
        // The credentials go in the clear over http: only to a token endpoint on this machine.
        if (realm.Scheme != Uri.UriSchemeHttps && !(realm.Scheme == Uri.UriSchemeHttp && RegistryHost.IsLoopback(realm.Authority)))
            return $"a token endpoint that is not https ({realm.GetLeftPart(UriPartial.Path)})";
        var query = new List<string>();
        if (challenge["service"] is { } service) query.Add("service=" + Uri.EscapeDataString(service));
        query.Add("scope=" + Uri.EscapeDataString($"repository:{repository}:pull,push"));
        var url = new UriBuilder(realm) { Query = string.Join("&", (realm.Query.TrimStart('?') is { Length: > 0 } existing ? [existing] : Array.Empty<string>()).Concat(query)) }.Uri;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = BasicCredentials();
        using var response = http.Send(request, HttpCompletionOption.ResponseContentRead, stop);
        if (response.StatusCode != HttpStatusCode.OK) return $"the token endpoint answered {(int)response.StatusCode}";
        using var json = JsonDocument.Parse(response.Content.ReadAsStream(stop));
        var token = json.RootElement.ValueKind == JsonValueKind.Object
            ? (json.RootElement.TryGetProperty("token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()
                : json.RootElement.TryGetProperty("access_token", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null)
            : null;
        if (string.IsNullOrEmpty(token)) return "the token endpoint gave no token";
        lock (gate) tokens[repository] = token;
        return null;
    }

    /// <summary>
    /// Whether asking again may tell, by this client's own reasons: the registry failed (5xx, 429), did not answer in
    /// time, or the connection failed; not a refusal of the credentials, a 4xx or an answer it cannot read.
    /// </summary>
    public static bool Transient(string why) =>
        why.StartsWith("registry answered 5", StringComparison.Ordinal) || why.StartsWith("registry answered 429", StringComparison.Ordinal)
        || why.StartsWith("no answer within", StringComparison.Ordinal)
        || (!why.Contains("credentials", StringComparison.Ordinal)
            && (why.Contains("connection refused", StringComparison.OrdinalIgnoreCase) || why.Contains("reset", StringComparison.OrdinalIgnoreCase)));

    private static string? Digest(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;

    private static string Answered(HttpResponseMessage response) => $"registry answered {(int)response.StatusCode}";

    private string Describe(Exception e) => e switch
    {
        TaskCanceledException or TimeoutException => $"no answer within {http.Timeout.TotalSeconds:0} s",
        HttpRequestException { InnerException: { } inner } => inner.Message,
        _ => e.Message,
    };

    public void Dispose() => http.Dispose();
}
