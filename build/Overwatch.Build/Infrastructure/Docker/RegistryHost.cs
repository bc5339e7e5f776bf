using System.Net;

namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>Facts about a registry address (host[:port]).</summary>
public static class RegistryHost
{
    /// <summary>
    /// Registries on loopback speak plain HTTP to docker by default: its insecure set is 127.0.0.0/8 (and
    /// localhost, ::1). A host name that merely starts with "127." is not in it.
    /// </summary>
    public static bool IsLoopback(string registry)
    {
        var host = Host(registry);
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>Where the registry's HTTP API (Distribution v2) answers: http:// on loopback, https:// elsewhere.</summary>
    public static Uri ApiBase(string registry)
    {
        // Docker Hub's API is not at its image name's host.
        if (registry is "docker.io" or "index.docker.io") return new Uri("https://registry-1.docker.io/");
        return new Uri((IsLoopback(registry) ? "http://" : "https://") + registry + "/");
    }

    /// <summary>The host of host[:port], [v6]:port or a bare IPv6 address.</summary>
    private static string Host(string registry)
    {
        if (registry.StartsWith('[')) return registry[1..Math.Max(1, registry.IndexOf(']'))];
        return registry.Count(c => c == ':') > 1 ? registry : registry.Split(':')[0];
    }
}
