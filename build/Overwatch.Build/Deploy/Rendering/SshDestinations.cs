using Overwatch.Build.Yaml;
using Overwatch.Build.Deploy.Model;

namespace Overwatch.Build.Deploy.Rendering;

/// <summary>A host a program reaches over ssh, with the YAML value that names it.</summary>
public sealed record SshDestination(string Address, int Port, string YamlPath, int? Line)
{
    /// <summary>How known_hosts names the host: the address alone on port 22, else <c>[ADDRESS]:PORT</c>.</summary>
    public string KnownHostsName => Port == SshDestinations.RsyncPort ? Address : $"[{Address}]:{Port}";
}

/// <summary>Pure: the ssh hosts of a receiver's tunnel and of dataTransfer's rsync sites.</summary>
public static class SshDestinations
{
    /// <summary>rsync's <c>user@host:/path</c> names no port: ssh's default.</summary>
    public const int RsyncPort = 22;

    public const string LocationsKey = "dataTransferLocations";

    public static SshDestination? OfTunnel(ReceiverOptions receiver) =>
        receiver.Tunnel is { Enabled: true, Address: { } address } tunnel
            ? new SshDestination(address, tunnel.Port, $"{tunnel.YamlPath}.address", tunnel.Line)
            : null;

    /// <summary>
    /// The rsync sites of a dataTransfer (<c>user@host:/path</c>), in YAML order, each host once. A site whose
    /// name contains EOS is copied with xrootd, and a local path has no host: neither uses ssh.
    /// </summary>
    public static IReadOnlyList<SshDestination> OfDataTransfer(Executable executable)
    {
        if (executable.AdditionalOptions?[LocationsKey] is not YamlMap locations) return [];
        var path = $"{executable.YamlPath}.additionalOptions.{LocationsKey}";
        return locations.Entries
            .Where(e => e.Key.Text is { } name && !IsEosSite(name))
            .Select(e => (e.Value as YamlScalar) is { Text: { } destination } value && RsyncHost(destination) is { } host
                ? new SshDestination(host, RsyncPort, $"{path}.{e.Key.Text}", value.Line)
                : null)
            .OfType<SshDestination>()
            .DistinctBy(d => d.Address)
            .ToList();
    }

    /// <summary>Every ssh host of the enabled executables.</summary>
    public static IEnumerable<SshDestination> All(DeployConfig config) =>
        config.EnabledExecutables.SelectMany(e => e.Kind switch
        {
            ExecutableKind.ZmqReceiver when e.Receiver is { } receiver && OfTunnel(receiver) is { } tunnel => [tunnel],
            ExecutableKind.DataTransfer => OfDataTransfer(e),
            _ => (IEnumerable<SshDestination>)[],
        });

    public static bool IsEosSite(string siteName) => siteName.Contains("EOS", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The host of an rsync-over-ssh destination (<c>[user@]host:path</c>, an IPv6 address in brackets as rsync
    /// takes it: <c>user@[2001:db8::1]:path</c>), or null for a local path or an rsync daemon (<c>host::module</c>,
    /// <c>rsync://</c>), which use no ssh.
    /// </summary>
    public static string? RsyncHost(string destination)
    {
        if (destination.Contains("://", StringComparison.Ordinal)) return null;
        if (IsBracketed(destination, out var open)) return BracketedHost(destination, open);
        var colon = destination.IndexOf(':');
        var slash = destination.IndexOf('/');
        if (colon <= 0 || (slash >= 0 && slash < colon)) return null;
        if (colon + 1 < destination.Length && destination[colon + 1] == ':') return null;
        var at = destination.LastIndexOf('@', colon);
        var host = destination[(at + 1)..colon];
        return host.Length == 0 ? null : host;
    }

    // The colons of an IPv6 address are not the one that ends the host; ssh and known_hosts name it without brackets.
    private static bool IsBracketed(string destination, out int open)
    {
        open = destination.IndexOf('[');
        return open == 0 || (open > 0 && destination[open - 1] == '@' && destination.IndexOfAny(['/', ':']) > open);
    }

    private static string? BracketedHost(string destination, int open)
    {
        var close = destination.IndexOf(']', open);
        if (close <= open + 1 || close + 1 >= destination.Length || destination[close + 1] != ':') return null;
        if (close + 2 < destination.Length && destination[close + 2] == ':') return null;
        return destination[(open + 1)..close];
    }
}
