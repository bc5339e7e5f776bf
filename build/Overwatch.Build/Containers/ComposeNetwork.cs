using System.Net;
using Overwatch.Build.Infrastructure.Network;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Containers;

/// <summary>
/// Where the stack listens, from the seed's variables: <c>externalIP</c> (Overwatch itself, default 127.0.0.1,
/// i.e. not reachable from outside) and <c>nginxIP</c> (the nginx-proxy, default 0.0.0.0), plus their ports.
/// </summary>
public sealed record ComposeNetwork(string ExternalIp, int ExternalPort, string NginxIp, int NginxPort)
{
    public static ComposeNetwork Read(EnvironmentVariables env) => new(
        Address(env, "externalIP", ListenAddress.Loopback),
        Port(env, "externalPort", 8080),
        Address(env, "nginxIP", "0.0.0.0"),
        Port(env, "nginxPort", 80));

    /// <summary>The address a proxy on this host uses to reach Overwatch: a wildcard is reached through loopback.</summary>
    public string UpstreamHost => ListenAddress.Reachable(ExternalIp);

    /// <summary>Where a request to the proxy can be sent from this host.</summary>
    public string NginxReachableHost => ListenAddress.Reachable(NginxIp);

    private static string Address(EnvironmentVariables env, string name, string fallback)
    {
        var value = env[name];
        if (value is null) return fallback;
        return IPAddress.TryParse(value, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? value
            : throw new UsageException($"{name}='{value}' is not an IPv4 address: set it to e.g. {fallback} (the default) or unset it");
    }

    private static int Port(EnvironmentVariables env, string name, int fallback)
    {
        var value = env[name];
        if (value is null) return fallback;
        return int.TryParse(value, out var port) && port is >= 1 and <= 65535
            ? port
            : throw new UsageException($"{name}='{value}' is not a port: use 1 to 65535 (default {fallback})");
    }
}
