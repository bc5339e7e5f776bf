namespace Overwatch.Build.Infrastructure.Network;

/// <summary>One GET with a chosen Host header (a virtual host without DNS); the status, or why there is none.</summary>
public static class HttpProbe
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false })
    {
        Timeout = TimeSpan.FromSeconds(3),
    };

    public static (int? Status, string Detail) Get(string url, string? host)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (host is not null) request.Headers.Host = host;
            using var response = Client.Send(request);
            return ((int)response.StatusCode, $"HTTP {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (null, e.InnerException?.Message ?? e.Message);
        }
    }
}
