using System.Net;
using System.Net.Sockets;

namespace Overwatch.Build.Infrastructure.Network;

/// <summary>A TCP port on loopback that nothing listens on right now (the system picks it).</summary>
public static class FreePort
{
    public static int OnLoopback()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
