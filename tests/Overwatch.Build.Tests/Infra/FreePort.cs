using System.Net;
using System.Net.Sockets;

namespace Overwatch.Build.Tests.Infra;

/// <summary>
/// A loopback port for a server a test starts. It is taken below the kernel's ephemeral range (32768 and up), so no
/// outgoing connection can be given it between this check and the server's bind, and handed out once per test run.
/// Harnesses whose server still loses the port start it again on another (<see cref="LocalRegistry"/>).
/// </summary>
public static class FreePort
{
    private const int First = 20000;
    private const int Last = 32000;
    private static readonly HashSet<int> HandedOut = [];

    public static int OnLoopback()
    {
        lock (HandedOut)
        {
            for (var attempt = 0; attempt < 500; attempt++)
            {
                var port = Random.Shared.Next(First, Last);
                if (HandedOut.Add(port) && IsFree(port)) return port;
            }
        }
        throw new InvalidOperationException($"no free loopback port between {First} and {Last}");
    }

    /// <summary>Starts <paramref name="listener"/> on a free loopback port and returns the port.</summary>
    public static int Listen(HttpListener listener)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = OnLoopback();
            listener.Prefixes.Clear();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return port;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // Another process took the port between the probe and the bind: try another one.
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
