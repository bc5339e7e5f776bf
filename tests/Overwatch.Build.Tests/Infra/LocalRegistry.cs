using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using NUnit.Framework;

namespace Overwatch.Build.Tests.Infra;

/// <summary>A real docker-registry on 127.0.0.1 with htpasswd auth, in its own temp directory.</summary>
public sealed class LocalRegistry : IDisposable
{
    private readonly TempDirectory directory = new("owb-registry");
    private readonly ManagedProcess process;
    private readonly HttpClient http = new();

    /// <param name="readOnly">A registry in maintenance mode: logins work, every push is refused.</param>
    public LocalRegistry(string username, string password, bool readOnly = false)
    {
        var registry = RequiredProgram.Find("docker-registry");
        var htpasswd = RequiredProgram.Find("htpasswd");
        Username = username;
        Password = password;

        var hash = Shell.Run(htpasswd, "-Bbn", username, password);
        if (hash.ExitCode != 0) throw new InvalidOperationException("htpasswd failed: " + hash);
        File.WriteAllText(directory.Combine("htpasswd"), hash.StandardOutput.Trim() + "\n");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));

        // A registry that exits before answering most likely lost its port to another program: start it on another.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort.OnLoopback();
            WriteConfig(readOnly);
            process = new ManagedProcess(registry, ["serve", directory.Combine("config.yml")]);
            if (process.TryWaitUntil($"answering on {Address}", IsServing, TimeSpan.FromSeconds(20))) break;
            if (attempt == 3) Assert.Fail($"docker-registry exited three times; its last output:{Environment.NewLine}{process.Output}");
            process.Dispose();
        }
    }

    /// <summary>What engines push: a Docker v2 manifest (20.10, BuildKit on its own store) or an OCI index (containerd store).</summary>
    private static readonly string[] ManifestTypes =
    [
        "application/vnd.docker.distribution.manifest.v2+json", "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json", "application/vnd.oci.image.index.v1+json",
    ];

    public int Port { get; private set; }
    public string Address => $"127.0.0.1:{Port}";
    public string Username { get; }
    public string Password { get; }

    /// <summary>Tags of a repository through the registry's HTTP API; empty when the repository does not exist.</summary>
    public IReadOnlyList<string> Tags(string repository)
    {
        using var response = http.GetAsync($"http://{Address}/v2/{repository}/tags/list").GetAwaiter().GetResult();
        if (response.StatusCode == HttpStatusCode.NotFound) return [];
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        return json.RootElement.GetProperty("tags") is { ValueKind: JsonValueKind.Array } tags
            ? tags.EnumerateArray().Select(t => t.GetString()!).Order(StringComparer.Ordinal).ToList()
            : [];
    }

    /// <summary>The manifest digest the registry holds under a tag (what a pull by digest would fetch).</summary>
    public string ManifestDigest(string repository, string tag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, $"http://{Address}/v2/{repository}/manifests/{tag}");
        foreach (var type in ManifestTypes) request.Headers.Accept.ParseAdd(type);
        using var response = http.Send(request);
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("Docker-Content-Digest").Single();
    }

    /// <summary>Moves a tag to the image another tag of the same repository holds, as someone else's push would.</summary>
    public void CopyTag(string repository, string fromTag, string toTag)
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, $"http://{Address}/v2/{repository}/manifests/{fromTag}");
        foreach (var type in ManifestTypes) get.Headers.Accept.ParseAdd(type);
        using var manifest = http.Send(get);
        manifest.EnsureSuccessStatusCode();
        var bytes = manifest.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        using var put = new HttpRequestMessage(HttpMethod.Put, $"http://{Address}/v2/{repository}/manifests/{toTag}")
        {
            Content = new ByteArrayContent(bytes),
        };
        put.Content.Headers.ContentType = manifest.Content.Headers.ContentType;
        using var response = http.Send(put);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Image manifests and the lists of them: under the containerd image store docker pushes an OCI image index, which
    /// the registry does not serve to a request that does not accept it (404).
    /// </summary>
    public IReadOnlyList<string> Repositories()
    {
        var body = http.GetStringAsync($"http://{Address}/v2/_catalog").GetAwaiter().GetResult();
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("repositories").EnumerateArray().Select(r => r.GetString()!).ToList();
    }

    private bool IsServing()
    {
        try
        {
            using var response = http.GetAsync($"http://{Address}/v2/").GetAwaiter().GetResult();
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private void WriteConfig(bool readOnly) =>
        File.WriteAllText(directory.Combine("config.yml"), $$"""
        version: 0.1
        log:
          level: warn
        storage:
          filesystem:
            rootdirectory: {{directory.Combine("data")}}
          delete:
            enabled: true
          maintenance:
            readonly:
              enabled: {{(readOnly ? "true" : "false")}}
        http:
          addr: 127.0.0.1:{{Port}}
        auth:
          htpasswd:
            realm: overwatch-tests
            path: {{directory.Combine("htpasswd")}}
        """);

    public void Dispose()
    {
        process.Dispose();
        http.Dispose();
        directory.Dispose();
    }
}
