using Overwatch.Build.Yaml;
using Overwatch.Build.Deploy.Model;

namespace Overwatch.Build.Deploy.Rendering;

/// <summary>
/// Pure apart from reading the templates: a validated <see cref="DeployConfig"/> in, every config file out.
/// Same input, same bytes; nothing is appended to what was there before.
/// </summary>
public static class ConfigRenderer
{
    public const string DatabaseConfFile = "database.conf";
    public const string OverwatchConfigFile = "config.yaml";
    public const string NginxMainConfigFile = "nginx.conf";
    public const string SshConfigFile = "ssh_config";
    public const string KnownHostsScript = "known-hosts.sh";

    public static string UwsgiFile(Executable executable) => $"{executable.Name}_uwsgi.yaml";

    public static IReadOnlyList<RenderedFile> Render(DeployConfig config, RenderSettings settings, TemplateSet templates)
    {
        var files = new List<RenderedFile>();
        if (config.Supervisor)
        {
            files.Add(new RenderedFile(
                Path.Combine(settings.ExecDir, DeployConfig.SupervisordConfRelativePath),
                templates.Render("supervisord.conf", SupervisordView(config, settings)),
                // The control password is in this file.
                config.Control.HasCredentials ? RenderedFile.Private : RenderedFile.Readable));
        }
        if (config.Zodb?.Zodb is { } zodb)
        {
            files.Add(Readable(Path.Combine(settings.ConfigDirRelative, DatabaseConfFile), templates.Render("database.conf",
                new { zodb.ServeAddress, zodb.DatabasePath })));
        }
        foreach (var app in config.EnabledExecutables.Where(e => e.ServedByUwsgi))
        {
            var uwsgi = new YamlMap([new YamlEntry(Key("uwsgi"), new YamlMap(UwsgiConfig.Options(app, settings), 0))], 0);
            files.Add(Readable(Path.Combine(settings.ConfigDirRelative, UwsgiFile(app)), templates.Render("uwsgi.yaml",
                new { Lines = YamlText.Lines(uwsgi) })));
        }
        if (config.Nginx is ({ } webApp, { } site))
        {
            files.Add(Readable(site.SiteFile, templates.Render("nginx-site.conf",
                new { site.WebAppName, site.Listen, UwsgiPass = UwsgiSocket.NginxTarget(UwsgiConfig.Socket(webApp, settings)) })));
            files.Add(Readable(site.GzipFile, templates.Render("gzip.conf", new { })));
            // Our own main config (run with nginx -c): the image's may already say "daemon off;", or listen on 80.
            files.Add(Readable(Path.Combine(settings.ConfigDirRelative, NginxMainConfigFile), templates.Render("nginx.conf", new
            {
                PidFile = Path.Combine(settings.NginxTempDir, "nginx.pid"),
                TempDir = settings.NginxTempDir,
                GzipFile = settings.Absolute(site.GzipFile),
                SiteFile = settings.Absolute(site.SiteFile),
            })));
        }
        if (SshDestinations.All(config).Any())
        {
            var credentials = ProgramCredentials.For(config.Environment, settings);
            files.Add(Readable(Path.Combine(settings.ConfigDirRelative, KnownHostsScript), templates.Render("known-hosts.sh", new
            {
                KnownHosts = ShellQuote(credentials.KnownHostsFile),
                Pinned = credentials.HostKeysPinned,
            })));
            if (credentials.PointSsh)
            {
                files.Add(Readable(Path.Combine(settings.ConfigDirRelative, SshConfigFile), templates.Render("ssh_config", new
                {
                    IdentityFile = credentials.SshKeyFile is { } key ? SshConfigWord(key) : null,
                    KnownHosts = SshConfigWord(credentials.KnownHostsFile),
                })));
            }
        }
        files.Add(Readable(OverwatchConfigFile, templates.Render("overwatch-config.yaml",
            new { Lines = YamlText.Lines(OverwatchConfig.Merge(config)) })));
        return files;
    }

    private static object SupervisordView(DeployConfig config, RenderSettings settings) => new
    {
        LogsDir = settings.LogsDir,
        PidFile = Path.Combine(settings.ExecDirAbsolute, "supervisord.pid"),
        Directory = settings.WorkingDirectory,
        Control = new
        {
            config.Control.Listen,
            config.Control.ServerUrl,
            Username = config.Control.Username is { } user ? SupervisorPrograms.Escape(user) : null,
            Password = config.Control.Password is { } password ? SupervisorPrograms.Escape(password) : null,
        },
        Programs = SupervisorPrograms.For(config, settings),
    };

    /// <summary>A word for sh: single-quoted, a quote inside written as '\''.</summary>
    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''") + "'";

    /// <summary>ssh_config takes double quotes around a value with spaces, and expands %-tokens in these paths: a literal '%' is '%%'.</summary>
    private static string SshConfigWord(string path)
    {
        var escaped = path.Replace("%", "%%");
        return escaped.Any(char.IsWhiteSpace) ? $"\"{escaped}\"" : escaped;
    }

    private static RenderedFile Readable(string path, string text) => new(path, text, RenderedFile.Readable);

    internal static YamlScalar Key(string text) => new(text, Quoted: false, Line: 0);
}
