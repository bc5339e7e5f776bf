using System.Globalization;
using Overwatch.Build.Infrastructure.Network;

namespace Overwatch.Build.Deploy.Model;

/// <summary>
/// A uwsgi socket value: a path (unix socket) when it contains '/', else HOST:PORT or :PORT.
/// The one value both uwsgi binds and nginx's <c>uwsgi_pass</c> reaches.
/// </summary>
public static class UwsgiSocket
{
    public static bool IsUnixPath(string socket) => socket.Contains('/');

    public static bool TryGetPort(string socket, out int port)
    {
        port = 0;
        if (IsUnixPath(socket)) return false;
        var colon = socket.LastIndexOf(':');
        return colon >= 0 && int.TryParse(socket[(colon + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out port);
    }

    /// <summary>Resolves a relative socket path against the working directory; leaves TCP addresses alone.</summary>
    public static string Resolve(string socket, string workingDirectory) =>
        IsUnixPath(socket) ? Path.GetFullPath(socket, workingDirectory) : socket;

    /// <summary>nginx's <c>uwsgi_pass</c> target for the same socket; a wildcard host (":8001", "0.0.0.0:8001") is reached through loopback.</summary>
    public static string NginxTarget(string resolvedSocket)
    {
        if (IsUnixPath(resolvedSocket)) return $"unix:{resolvedSocket}";
        var colon = resolvedSocket.LastIndexOf(':');
        return colon < 0 ? resolvedSocket : ListenAddress.Reachable(resolvedSocket[..colon]) + resolvedSocket[colon..];
    }
}
