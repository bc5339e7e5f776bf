using System.Net;
using System.Net.Sockets;
using System.Text;
using NUnit.Framework;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.EndToEnd;

/// <summary>
/// The seed's way of testing the proxy without DNS: send the Host header. A real nginx runs the site the Compose
/// target rendered for the virtual host and routes to a small HTTP server on 127.0.0.1.
/// </summary>
[TestFixture, Category("EndToEnd"), NonParallelizable]
public sealed class NginxHostHeaderTests
{
    [Test]
    public void RequestWithTheVirtualHost_IsRoutedToOverwatch_OtherHostsAreNot()
    {
        var nginx = RequiredProgram.Find("nginx");
        RequiredProgram.Find("docker-compose");
        using var work = new TempDirectory("owb-hostheader");
        using var backend = new Backend();
        var proxyPort = FreePort.OnLoopback();
        var render = BuildScript.Run(["--target=Compose", "--branch=master", "--python-version=3.6.7", "--virtual-host=dev.example.org",
            $"--exec-dir={work.Combine("exec")}", $"--data-dir={work.Combine("data")}"],
            new() { ["externalIP"] = "127.0.0.1", ["externalPort"] = backend.Port.ToString(), ["nginxIP"] = "127.0.0.1", ["nginxPort"] = proxyPort.ToString() });
        Assert.That(render.ExitCode, Is.EqualTo(0), render.ToString());
        var conf = NginxMainConfig.Write(work.Path, [work.Combine("exec", "config", "nginx-proxy-site.conf")],
            $"server {{ listen 127.0.0.1:{proxyPort} default_server; return 404; }}");

        using var server = new ManagedProcess(nginx, ["-c", conf, "-p", work.Path, "-g", "daemon off;"]);
        server.WaitUntil($"listening on {proxyPort}", () => Accepts(proxyPort), TimeSpan.FromSeconds(10));
        using var http = new HttpClient();

        var routed = Get(http, proxyPort, "dev.example.org");
        var other = Get(http, proxyPort, "other.example.org");

        Assert.That(routed.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(routed.Body, Is.EqualTo("overwatch behind the proxy, Host=dev.example.org"));
        Assert.That(other.Status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private static (HttpStatusCode Status, string Body) Get(HttpClient http, int port, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/");
        request.Headers.Host = host;
        using var response = http.Send(request);
        return (response.StatusCode, response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
    }

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>
    /// Stands in for Overwatch's web container: answers every request with the Host it saw. A bare socket on
    /// 127.0.0.1, because HttpListener would refuse a Host header that differs from its prefix.
    /// </summary>
    private sealed class Backend : IDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly Thread thread;

        public Backend()
        {
            listener.Start();
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
            thread = new Thread(Serve) { IsBackground = true };
            thread.Start();
        }

        public int Port { get; }

        private void Serve()
        {
            while (true)
            {
                TcpClient client;
                try { client = listener.AcceptTcpClient(); } catch (SocketException) { return; } catch (ObjectDisposedException) { return; }
                using (client)
                using (var stream = client.GetStream())
                using (var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true))
                {
                    string? line;
                    var host = "";
                    while (!string.IsNullOrEmpty(line = reader.ReadLine()))
                        if (line.StartsWith("Host:", StringComparison.OrdinalIgnoreCase)) host = line[5..].Trim();
                    var body = Encoding.UTF8.GetBytes($"overwatch behind the proxy, Host={host}");
                    stream.Write(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"));
                    stream.Write(body);
                }
            }
        }

        public void Dispose() => listener.Stop();
    }
}
