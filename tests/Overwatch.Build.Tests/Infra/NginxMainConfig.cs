namespace Overwatch.Build.Tests.Infra;

/// <summary>
/// A minimal nginx main config in a test directory (pid and error log kept there) that includes rendered
/// files inside <c>http { }</c>; uwsgi_params is copied next to it for sites that include it.
/// </summary>
public static class NginxMainConfig
{
    public static string Write(string directory, IEnumerable<string> includes, string extra = "")
    {
        var uwsgiParams = Path.Combine(directory, "uwsgi_params");
        if (!File.Exists(uwsgiParams)) File.Copy("/etc/nginx/uwsgi_params", uwsgiParams);
        var path = Path.Combine(directory, "nginx.conf");
        File.WriteAllText(path, $$"""
            pid {{Path.Combine(directory, "nginx.pid")}};
            error_log {{Path.Combine(directory, "error.log")}};
            events {}
            http {
                access_log off;
                {{extra}}
            {{string.Concat(includes.Select(i => $"    include {i};\n"))}}}
            """);
        return path;
    }
}
