using System.Globalization;
using Overwatch.Build.Infrastructure.Processes;

namespace Overwatch.Build.Containers;

/// <summary>
/// The smoke test's request, sent from inside the container (<c>docker exec</c>), where its nginx listens: the
/// container's network is the engine's, not necessarily this machine's (dind, a remote DOCKER_HOST). It uses what the
/// images have: curl (the published bases are python:X-stretch, which has it; so has the stand-in), else Python's
/// standard library (2.7 or 3.x). Prints the status line, e.g. <c>HTTP/1.1 200 OK</c>, or why there is none.
/// </summary>
public static class SmokeHttpGet
{
    /// <summary>Exit status of the script when the image has neither curl nor Python.</summary>
    public const int NoClient = 127;

    /// <summary>curl's exit status for "operation timed out".</summary>
    private const int CurlTimedOut = 28;

    /// <summary>POSIX sh; arguments: URL, Host header, seconds to wait.</summary>
    public const string Script = """
        url=$1 host=$2 limit=$3
        if command -v curl >/dev/null 2>&1; then
          exec curl --silent --show-error --output /dev/null --dump-header - --max-time "$limit" --header "Host: $host" "$url"
        fi
        for python in python3 python; do
          if command -v "$python" >/dev/null 2>&1; then
            exec "$python" - "$url" "$host" "$limit" <<'EOF'
        import sys
        try:
            from urllib.parse import urlsplit
            import http.client as client
        except ImportError:
            from urlparse import urlsplit
            import httplib as client
        url, host, limit = sys.argv[1], sys.argv[2], float(sys.argv[3])
        parts = urlsplit(url)
        connection = client.HTTPConnection(parts.hostname, parts.port, timeout=limit)
        connection.putrequest("GET", parts.path or "/", skip_host=True)
        connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        print("HTTP/1.1 %d %s" % (response.status, response.reason))
        EOF
          fi
        done
        echo "neither curl nor python is in the image to send the request with" >&2
        exit 127
        """;

    /// <summary><c>docker exec CONTAINER sh -c SCRIPT http-get URL HOST SECONDS</c>.</summary>
    public static ProcessSpec Command(string container, string url, string host, TimeSpan limit) =>
        new("docker", ["exec", container, "sh", "-c", Script, "http-get", url, host,
            Math.Max(0.1, limit.TotalSeconds).ToString("0.#", CultureInfo.InvariantCulture)]);

    /// <summary>The answer from what the script printed: the status line, else the client's last complaint.</summary>
    public static HttpAnswer Read(int exitCode, IReadOnlyList<string> lines, TimeSpan limit)
    {
        var statusLine = lines.LastOrDefault(l => l.StartsWith("HTTP/", StringComparison.Ordinal))?.Trim();
        if (statusLine?.Split(' ', 3) is [_, var code, ..] parts && int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            return new HttpAnswer(status, parts.Length > 2 ? parts[2] : "");
        var complaint = lines.LastOrDefault(l => l.Trim().Length > 0)?.Trim() ?? $"exit status {exitCode}";
        if (exitCode == CurlTimedOut || complaint.EndsWith("timed out", StringComparison.Ordinal))
            return HttpAnswer.None($"the last request waited {limit.TotalSeconds:0.#} s");
        return HttpAnswer.None(complaint);
    }
}
