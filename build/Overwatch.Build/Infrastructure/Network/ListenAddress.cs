namespace Overwatch.Build.Infrastructure.Network;

/// <summary>What an address a program listens on means for a client on this host.</summary>
public static class ListenAddress
{
    public const string Loopback = "127.0.0.1";

    /// <summary>Listening on every interface: 0.0.0.0, ::, * or an empty host (as in uwsgi's ":8080").</summary>
    public static bool IsWildcard(string address) => address is "0.0.0.0" or "::" or "*" or "";

    /// <summary>Where a client on this host connects: a wildcard is reached through loopback.</summary>
    public static string Reachable(string address) => IsWildcard(address) ? Loopback : address;

    /// <summary>Reachable from this host only.</summary>
    public static bool IsLoopback(string address) =>
        address is "localhost" or "::1" || address.StartsWith("127.", StringComparison.Ordinal);
}
