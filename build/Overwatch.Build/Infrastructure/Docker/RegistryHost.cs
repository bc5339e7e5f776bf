namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>Facts about a registry address (host[:port]).</summary>
public static class RegistryHost
{
    /// <summary>Registries on loopback speak plain HTTP to docker by default (127.0.0.0/8 is an insecure registry).</summary>
    public static bool IsLoopback(string registry)
    {
        var host = registry.StartsWith('[') ? registry[1..registry.IndexOf(']')] : registry.Split(':')[0];
        return host == "localhost" || host == "::1" || host.StartsWith("127.", StringComparison.Ordinal);
    }
}
