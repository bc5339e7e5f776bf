using Overwatch.Build.Inputs;

namespace Overwatch.Build.Containers;

/// <summary>
/// --network: how the Overwatch containers of the compose stack are networked. <see cref="Bridge"/> (the default, as on
/// the production servers): nginx-proxy in front, Overwatch published on externalIP. <see cref="Host"/>: no proxy and
/// no published ports; each service runs what RenderConfig rendered for it, its nginx listening on externalIP:externalPort.
/// </summary>
public enum StackNetwork { Bridge, Host }

public static class StackNetworks
{
    public static StackNetwork Parse(string? value) => value?.ToLowerInvariant() switch
    {
        null or "bridge" => StackNetwork.Bridge,
        "host" => StackNetwork.Host,
        _ => throw new UsageException($"--network={value} is not a network mode: use --network=bridge (nginx-proxy, the default) or --network=host"),
    };
}
