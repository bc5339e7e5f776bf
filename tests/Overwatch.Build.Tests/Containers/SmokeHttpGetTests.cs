using System.Net;
using System.Net.Sockets;
using System.Text;
using NUnit.Framework;
using Overwatch.Build.Containers;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Containers;

/// <summary>
/// The request the smoke test sends inside the container, run here with sh against a one-answer server on loopback: with
/// curl (the images have it), and with only Python on the PATH (the fallback); then what its output means.
/// </summary>
public sealed class SmokeHttpGetTests
{
    [TestCase("curl")]
    [TestCase("python3")]
    public void The_script_sends_the_host_header_and_prints_the_status_line(string client)
    {
        using var server = new OneAnswerServer("HTTP/1.1 503 Service Unavailable");
        using var path = ClientOnly(client);

        var result = Shell.Run("/bin/sh", ["-c", SmokeHttpGet.Script, "http-get", $"http://127.0.0.1:{server.Port}/login", "dev.example.org", "5"],
            new Dictionary<string, string?> { ["PATH"] = path.Path });

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(SmokeHttpGet.Read(result.ExitCode, result.StandardOutput.Split('\n'), TimeSpan.FromSeconds(5)), Is.EqualTo(new HttpAnswer(503, "Service Unavailable")));
        Assert.That(server.Request, Does.StartWith("GET /login HTTP/1.1\r\n"));
        Assert.That(server.Request, Does.Contain("\r\nHost: dev.example.org\r\n"));
    }

    [Test]
    public void Without_curl_or_python_the_script_says_so_and_exits_127()
    {
        using var path = ClientOnly(null);

        var result = Shell.Run("/bin/sh", ["-c", SmokeHttpGet.Script, "http-get", "http://127.0.0.1:1/", "dev.example.org", "1"],
            new Dictionary<string, string?> { ["PATH"] = path.Path });

        Assert.That(result.ExitCode, Is.EqualTo(SmokeHttpGet.NoClient));
        Assert.That(result.StandardError.Trim(), Is.EqualTo("neither curl nor python is in the image to send the request with"));
    }

    [TestCase(0, "HTTP/1.1 200 OK|Server: nginx", 200, "OK")]
    [TestCase(0, "HTTP/1.1 500 INTERNAL SERVER ERROR", 500, "INTERNAL SERVER ERROR")]
    [TestCase(0, "HTTP/2 404", 404, "")]
    [TestCase(7, "curl: (7) Failed to connect to 127.0.0.1 port 8080 after 0 ms: Couldn't connect to server", null,
        "curl: (7) Failed to connect to 127.0.0.1 port 8080 after 0 ms: Couldn't connect to server")]
    [TestCase(28, "curl: (28) Operation timed out after 8001 milliseconds with 0 bytes received", null, "the last request waited 8 s")]
    [TestCase(1, "Traceback (most recent call last):|socket.timeout: timed out", null, "the last request waited 8 s")]
    [TestCase(1, "Traceback (most recent call last):|ConnectionRefusedError: [Errno 111] Connection refused", null, "ConnectionRefusedError: [Errno 111] Connection refused")]
    public void The_output_reads_as_a_status_or_why_there_is_none(int exitCode, string output, int? status, string detail)
    {
        Assert.That(SmokeHttpGet.Read(exitCode, output.Split('|'), TimeSpan.FromSeconds(8)), Is.EqualTo(new HttpAnswer(status, detail)));
    }

    /// <summary>A PATH folder holding only the named client (or none).</summary>
    private static TempDirectory ClientOnly(string? client)
    {
        var directory = new TempDirectory("owb-http-get-path");
        if (client is not null)
        {
            // The system's own: a PATH shim may be a script that needs more of the PATH than this folder.
            var program = File.Exists($"/usr/bin/{client}") ? $"/usr/bin/{client}" : RequiredProgram.Find(client);
            File.CreateSymbolicLink(directory.Combine(client), program);
        }
        return directory;
    }

    /// <summary>Answers one request on a loopback port with a status line and no body, and keeps the request's head.</summary>
    private sealed class OneAnswerServer : IDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly Task<string> served;

        public OneAnswerServer(string statusLine)
        {
            listener.Start();
            served = Task.Run(() =>
            {
                using var client = listener.AcceptTcpClient();
                using var stream = client.GetStream();
                var head = new StringBuilder();
                var buffer = new byte[4096];
                while (!head.ToString().Contains("\r\n\r\n") && stream.Read(buffer) is > 0 and var read)
                    head.Append(Encoding.ASCII.GetString(buffer, 0, read));
                stream.Write(Encoding.ASCII.GetBytes($"{statusLine}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
                return head.ToString();
            });
        }

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        public string Request => served.Wait(TimeSpan.FromSeconds(10)) ? served.Result : "(no request within 10 s)";

        public void Dispose() => listener.Stop();
    }
}
