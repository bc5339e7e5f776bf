using System.Globalization;
using Overwatch.Build.Yaml;
using Overwatch.Build.Deploy.Model;

namespace Overwatch.Build.Deploy.Rendering;

/// <summary>
/// The uwsgi options of one app: our defaults, then the YAML's options; <c>{name}</c> in text values becomes
/// the app's uwsgi name, and a relative socket path becomes absolute so nginx reaches the same socket.
/// </summary>
public static class UwsgiConfig
{
    /// <summary>Loopback: with host networking ":9002" would publish uwsgi's internals on every interface.</summary>
    public const string DefaultStats = "127.0.0.1:9002";

    public static IReadOnlyList<YamlEntry> Options(Executable app, RenderSettings settings)
    {
        var uwsgi = app.Uwsgi!;
        var socketsDir = uwsgi.SocketsDir is { } dir ? settings.Absolute(dir) : settings.SocketsDir;
        var options = new List<(string Key, YamlValue Value)>
        {
            ("vacuum", Plain("true")),
            ("stats", Quoted(DefaultStats)),
            ("chdir", Quoted(settings.WorkingDirectory)),
            ("callable", Plain("app")),
            ("lazy-apps", Plain("true")),
            ("processes", Plain(4)),
            ("threads", Plain(2)),
            ("cheaper", Plain(2)),
            ("master", Plain("true")),
            // supervisord stops programs with TERM, which uwsgi otherwise takes as "reload".
            ("die-on-term", Plain("true")),
            ("master-fifo", Quoted(Path.Combine(socketsDir, "wsgiMasterFifo{name}.sock"))),
        };
        foreach (var option in uwsgi.Options)
        {
            var index = options.FindIndex(o => o.Key == option.Key);
            if (index >= 0) options[index] = (option.Key, option.Value); else options.Add((option.Key, option.Value));
        }
        return options.Select(o => new YamlEntry(ConfigRenderer.Key(o.Key), Finish(o.Key, o.Value, UwsgiName(app), settings))).ToList();
    }

    /// <summary>The socket nginx passes to: uwsgi-socket after <c>{name}</c> and path resolution.</summary>
    public static string Socket(Executable app, RenderSettings settings) =>
        UwsgiSocket.Resolve(Named(app.Uwsgi!.GetText(UwsgiOptions.UwsgiSocket)!, UwsgiName(app)), settings.WorkingDirectory);

    /// <summary>What <c>{name}</c> stands for: the existing deployment's uwsgi name, NAME_uwsgi (exec/sockets/webApp_uwsgi.sock).</summary>
    public static string UwsgiName(Executable app) => $"{app.Name}_uwsgi";

    private static YamlValue Finish(string key, YamlValue value, string name, RenderSettings settings) => value switch
    {
        YamlScalar { Text: { } text } scalar when key is UwsgiOptions.UwsgiSocket or UwsgiOptions.HttpSocket =>
            scalar with { Text = UwsgiSocket.Resolve(Named(text, name), settings.WorkingDirectory), Quoted = true },
        YamlScalar { Text: { } text } scalar when text.Contains("{name}") => scalar with { Text = Named(text, name), Quoted = true },
        YamlList list => list with { Items = list.Items.Select(i => Finish("", i, name, settings)).ToList() },
        _ => value,
    };

    private static string Named(string text, string name) => text.Replace("{name}", name, StringComparison.Ordinal);

    private static YamlScalar Plain(string text) => new(text, Quoted: false, Line: 0);
    private static YamlScalar Plain(int number) => Plain(number.ToString(CultureInfo.InvariantCulture));
    private static YamlScalar Quoted(string text) => new(text, Quoted: true, Line: 0);
}
