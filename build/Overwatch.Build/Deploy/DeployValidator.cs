using System.Text.RegularExpressions;
using Overwatch.Build.Deploy.Model;

namespace Overwatch.Build.Deploy;

/// <summary>Pure: the rules between values of a loaded <see cref="DeployConfig"/>. Returns every problem found.</summary>
public static partial class DeployValidator
{
    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex ServiceName();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex ThreeLetters();

    public static IReadOnlyList<DeployProblem> Validate(DeployConfig config)
    {
        var problems = new List<DeployProblem>();
        CheckControl(config, problems);
        CheckEnvironment(config.Environment, problems);
        foreach (var executable in config.Executables)
        {
            CheckIdentifier(executable.YamlPath, executable.Line, "executable name", executable.Name, problems);
            if (config.Supervisor && executable.RunInBackground)
            {
                problems.Add(new DeployProblem($"{executable.YamlPath}.runInBackground", executable.Line,
                    "runInBackground cannot be used with 'supervisor: true' (supervisor keeps its programs in the foreground); remove it or set 'supervisor: false'"));
            }
            if (executable.Zodb is { } zodb)
            {
                CheckPort($"{executable.YamlPath}.port", zodb.Line, zodb.Port, problems);
                if (!ValueRules.IsHost(zodb.Address))
                    problems.Add(new DeployProblem($"{executable.YamlPath}.address", zodb.Line,
                        $"'{Printable(zodb.Address)}' is not a host name or address; use e.g. 127.0.0.1 or 0.0.0.0"));
                CheckLine($"{executable.YamlPath}.databasePath", zodb.Line, zodb.DatabasePath, problems);
            }
            if (executable.Receiver is { } receiver) CheckReceiver(executable, receiver, problems);
            if (executable.Uwsgi is { Enabled: true } uwsgi) CheckUwsgi(executable, uwsgi, problems);
            if (executable.Nginx is { Enabled: true } nginx) CheckNginx(executable, nginx, problems);
        }
        CheckDuplicateTunnels(config, problems);
        CheckDatabase(config, problems);
        CheckSingleNginx(config, problems);
        CheckContainers(config, problems);
        CheckRsyncHosts(config, problems);
        return problems;
    }

    // The host goes on ssh-keyscan's and ssh's command lines: '-o...' would be read as an option.
    private static void CheckRsyncHosts(DeployConfig config, List<DeployProblem> problems)
    {
        foreach (var destination in config.Executables.Where(e => e.Kind == ExecutableKind.DataTransfer).SelectMany(Rendering.SshDestinations.OfDataTransfer))
        {
            if (!ValueRules.IsSshHost(destination.Address))
                problems.Add(new DeployProblem(destination.YamlPath, destination.Line,
                    $"'{Printable(destination.Address)}' is not a host name or address; write the rsync destination as user@host:/path (host: letters, digits, '.', '-', ':', not starting with '-')"));
        }
    }

    // Each container is a compose service running its executables through OVERWATCH_EXECUTABLES.
    private static void CheckContainers(DeployConfig config, List<DeployProblem> problems)
    {
        var known = config.Executables.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in config.Containers)
        {
            if (!ServiceName().IsMatch(group.Name))
                problems.Add(new DeployProblem(group.YamlPath, group.Line,
                    $"'{group.Name}' is not a valid compose service name; use lowercase letters, digits, '-' or '_'"));
            if (group.Executables.Count == 0)
                problems.Add(new DeployProblem(group.YamlPath, group.Line, "lists no executables; name at least one, e.g. [webApp]"));
            foreach (var name in group.Executables)
            {
                if (!known.Contains(name))
                    problems.Add(new DeployProblem(group.YamlPath, group.Line,
                        $"'{name}' is not an executable of this config; use one of: {string.Join(", ", known)}"));
                else if (!owner.TryAdd(name, group.Name))
                    problems.Add(new DeployProblem(group.YamlPath, group.Line,
                        $"'{name}' already runs in container '{owner[name]}'; list each executable in one container only"));
            }
        }
    }

    private static void CheckControl(DeployConfig config, List<DeployProblem> problems)
    {
        var control = config.Control;
        CheckPort("supervisorControl.port", control.Line, control.Port, problems);
        if (string.IsNullOrEmpty(control.Username) != string.IsNullOrEmpty(control.Password))
        {
            problems.Add(new DeployProblem("supervisorControl", control.Line, "set both 'username' and 'password', or neither"));
        }
        else if (!control.IsLoopback && !control.HasCredentials)
        {
            problems.Add(new DeployProblem("supervisorControl.address", control.Line,
                $"'{control.Address}' exposes supervisord's control server beyond this machine without credentials; use 127.0.0.1, or set 'username' and 'password'"));
        }
        // They are written into supervisord.conf as they are: a line break would add config lines.
        foreach (var (key, value) in new[] { ("username", control.Username), ("password", control.Password), ("address", control.Address) })
        {
            if (value is not null && value.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
                problems.Add(new DeployProblem($"supervisorControl.{key}", control.Line, "contains a space, line break or control character; use printable characters only"));
        }
    }

    // Both are written into the receivers' environment="..." in supervisord.conf.
    private static void CheckEnvironment(DeployEnvironment environment, List<DeployProblem> problems)
    {
        foreach (var (key, value) in new[] { ("environment.root.path", environment.RootPath), ("environment.zmqReceiver.path", environment.ZmqReceiverPath) })
        {
            if (value is null) continue;
            if (ValueRules.HasControlCharacter(value) || ValueRules.BreaksQuoting(value))
                problems.Add(new DeployProblem(key, null,
                    "contains a line break, control character, '\"' or '\\', which would change supervisord.conf's structure; use a plain directory path"));
        }
    }

    private static void CheckReceiver(Executable executable, ReceiverOptions receiver, List<DeployProblem> problems)
    {
        var path = executable.YamlPath;
        if (receiver.Subsystem is not { } subsystem || !ThreeLetters().IsMatch(subsystem))
        {
            problems.Add(new DeployProblem($"{path}.receiver", receiver.Line,
                $"the receiver name must be exactly three letters (the subsystem, e.g. EMC), got '{receiver.Receiver}'; set 'receiver' or name the executable zmqReceiver_XYZ"));
        }
        if (receiver.LocalPort is null)
        {
            problems.Add(new DeployProblem($"{path}.localPort", receiver.Line, "missing; set the local port where the receiver reads the data, e.g. 23456"));
        }
        else CheckPort($"{path}.localPort", receiver.Line, receiver.LocalPort.Value, problems);
        CheckName(path, receiver.Line, "dataPath", receiver.DataPath, problems);
        // These go into the receiver's command line in supervisord.conf.
        CheckLine($"{path}.dataPath", receiver.Line, receiver.DataPath, problems);
        CheckLine($"{path}.select", receiver.Line, receiver.Select, problems);
        CheckLine($"{path}.additionalOptions", receiver.Line, receiver.ExtraArguments, problems);

        if (receiver.Tunnel is not { Enabled: true } tunnel) return;
        if (string.IsNullOrWhiteSpace(tunnel.Address)) Missing(tunnel.YamlPath, "address", tunnel.Line, "the host to tunnel through, e.g. lxplus.cern.ch", problems);
        else if (!ValueRules.IsSshHost(tunnel.Address))
            problems.Add(new DeployProblem($"{tunnel.YamlPath}.address", tunnel.Line,
                $"'{Printable(tunnel.Address)}' is not a host name or address; use e.g. lxplus.cern.ch or 192.0.2.1 (letters, digits, '.', '-', ':', not starting with '-')"));
        if (string.IsNullOrWhiteSpace(tunnel.Username)) Missing(tunnel.YamlPath, "username", tunnel.Line, "the user on the tunnel host", problems);
        else if (!ValueRules.IsUserName(tunnel.Username))
            problems.Add(new DeployProblem($"{tunnel.YamlPath}.username", tunnel.Line,
                $"'{Printable(tunnel.Username)}' is not a user name; use letters, digits, '.', '_' and '-', not starting with '-'"));
        if (tunnel.HltPort is null) Missing(tunnel.YamlPath, "hltPort", tunnel.Line, "the port on the HLT side, e.g. 12345", problems);
        else CheckPort($"{tunnel.YamlPath}.hltPort", tunnel.Line, tunnel.HltPort.Value, problems);
        CheckPort($"{tunnel.YamlPath}.port", tunnel.Line, tunnel.Port, problems);
    }

    private static void CheckUwsgi(Executable executable, UwsgiOptions uwsgi, List<DeployProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(uwsgi.GetText("module")))
        {
            problems.Add(new DeployProblem($"{uwsgi.YamlPath}.module", uwsgi.Line,
                $"missing; set the Python module of the app, e.g. 'module: \"overwatch.{(executable.Kind == ExecutableKind.WebApp ? "webApp" : "receiver")}.run\"'"));
        }
        var http = uwsgi.GetText(UwsgiOptions.HttpSocket);
        var native = uwsgi.GetText(UwsgiOptions.UwsgiSocket);
        if (http is not null && native is not null)
        {
            problems.Add(new DeployProblem(uwsgi.YamlPath, uwsgi.Line,
                "both http-socket and uwsgi-socket are set; keep one (uwsgi-socket when nginx serves the app)"));
        }
        else if (http is null && native is null)
        {
            problems.Add(new DeployProblem(uwsgi.YamlPath, uwsgi.Line,
                "neither http-socket nor uwsgi-socket is set; add one, e.g. 'uwsgi-socket: \"exec/sockets/{name}.sock\"' or 'http-socket: \":8850\"'"));
        }
        foreach (var (key, value) in new[] { (UwsgiOptions.HttpSocket, http), (UwsgiOptions.UwsgiSocket, native) })
        {
            if (value is null) continue;
            if (value.Contains(' ')) problems.Add(new DeployProblem($"{uwsgi.YamlPath}.{key}", uwsgi.Line, $"'{value}' contains a space; remove it"));
            if (UwsgiSocket.TryGetPort(value, out var port)) CheckPort($"{uwsgi.YamlPath}.{key}", uwsgi.Line, port, problems);
        }
    }

    private static void CheckNginx(Executable executable, NginxSite nginx, List<DeployProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(nginx.WebAppName))
        {
            problems.Add(new DeployProblem($"{nginx.YamlPath}.webAppName", nginx.Line,
                $"missing; nginx needs the web app's name for its site file, e.g. 'webAppName: \"{executable.Name}\"'"));
        }
        else CheckIdentifier(nginx.YamlPath, nginx.Line, "webAppName", nginx.WebAppName, problems);
        foreach (var (key, value) in new[] { ("sitesPath", nginx.SitesPath), ("configPath", nginx.ConfigPath) })
        {
            if (!ValueRules.IsRelativeInside(value))
                problems.Add(new DeployProblem($"{nginx.YamlPath}.{key}", nginx.Line,
                    $"'{Printable(value)}' leaves basePath; use a directory inside it, e.g. 'sites-enabled' (relative, no '..')"));
        }
        if (executable.Uwsgi?.GetText(UwsgiOptions.UwsgiSocket) is { } socket
            && ValueRules.NginxUnsafe(socket.Replace("{name}", executable.Name, StringComparison.Ordinal)) is { } unsafeChar)
        {
            problems.Add(new DeployProblem($"{executable.Uwsgi.YamlPath}.{UwsgiOptions.UwsgiSocket}", executable.Uwsgi.Line,
                $"contains {ValueRules.Show(unsafeChar)}, which nginx's uwsgi_pass cannot take; use a plain path or HOST:PORT"));
        }
        var servedByUwsgi = executable.Uwsgi is { Enabled: true };
        if ((executable.Enabled && !servedByUwsgi) || (servedByUwsgi && executable.Uwsgi!.GetText(UwsgiOptions.UwsgiSocket) is null))
        {
            problems.Add(new DeployProblem(nginx.YamlPath, nginx.Line,
                $"nginx passes requests to uwsgi's socket; enable '{executable.YamlPath}.uwsgi' with a 'uwsgi-socket'"));
        }
    }

    private static void CheckDuplicateTunnels(DeployConfig config, List<DeployProblem> problems)
    {
        var duplicates = config.Executables
            .Where(e => e.Receiver is { Tunnel.Enabled: true, Subsystem: not null })
            .GroupBy(e => e.Receiver!.Subsystem)
            .Where(g => g.Count() > 1);
        foreach (var group in duplicates)
        {
            problems.Add(new DeployProblem(group.Last().YamlPath, group.Last().Line,
                $"receivers {string.Join(" and ", group.Select(e => e.Name))} both open tunnel autossh_{group.Key}; give each receiver its own subsystem"));
        }
    }

    private static void CheckDatabase(DeployConfig config, List<DeployProblem> problems)
    {
        var explicitLocation = config.ExplicitDatabaseLocation;
        if (config.Zodb?.Zodb is { } zodb && explicitLocation?.Text is { } location && location != zodb.ClientUrl)
        {
            problems.Add(new DeployProblem("additionalOptions.databaseLocation", explicitLocation.Line,
                $"'{location}' is not the database that zodb serves; use '{zodb.ClientUrl}' or remove databaseLocation (it then defaults to zodb's address)"));
        }
        if (!config.DatabaseLocation.StartsWith("file://", StringComparison.Ordinal)) return;
        foreach (var app in config.EnabledExecutables.Where(e => e.ServedByUwsgi))
        {
            problems.Add(new DeployProblem($"{app.Uwsgi!.YamlPath}", explicitLocation?.Line ?? app.Uwsgi.Line,
                $"uwsgi runs many Python interpreters, so it only works with ZODB when the database is served externally, but the database is '{config.DatabaseLocation}' (a file); enable the 'zodb' executable and use 'databaseLocation: \"zeo://HOST:PORT\"' (or leave databaseLocation unset to use zodb's address)"));
        }
    }

    private static void CheckSingleNginx(DeployConfig config, List<DeployProblem> problems)
    {
        var sites = config.EnabledExecutables.Where(e => e.Nginx is { Enabled: true }).ToList();
        if (sites.Count <= 1) return;
        problems.Add(new DeployProblem(sites[1].Nginx!.YamlPath, sites[1].Nginx!.Line,
            $"nginx is also enabled for {sites[0].Name}; one nginx serves one web app here, enable it for only one"));
    }

    private static void CheckPort(string path, int? line, int port, List<DeployProblem> problems)
    {
        if (port is < 1 or > 65535) problems.Add(new DeployProblem(path, line, $"port {port} is out of range; use 1 to 65535"));
    }

    private static void CheckIdentifier(string path, int? line, string what, string value, List<DeployProblem> problems)
    {
        if (value.Any(char.IsWhiteSpace)) CheckName(path, line, what, value, problems);
        else if (!ValueRules.IsIdentifier(value))
        {
            problems.Add(new DeployProblem(what == "executable name" ? path : $"{path}.{what}", line,
                $"{what} '{Printable(value)}' is not a name; {ValueRules.IdentifierRule}, at most 64 (names become file, program and socket names, never paths)"));
        }
    }

    /// <summary>Refuses a value that would start a new line (and so a new option or section) in supervisord.conf or database.conf.</summary>
    private static void CheckLine(string path, int? line, string? value, List<DeployProblem> problems)
    {
        if (value is not null && ValueRules.HasControlCharacter(value))
        {
            problems.Add(new DeployProblem(path, line,
                "contains a line break or control character, which would change the generated config file's structure; write it on one line"));
        }
    }

    /// <summary>Values are shown in messages with control characters made visible, so a message stays one line.</summary>
    private static string Printable(string value) =>
        string.Concat(value.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));

    private static void CheckName(string path, int? line, string what, string value, List<DeployProblem> problems)
    {
        if (value.Any(char.IsWhiteSpace))
        {
            problems.Add(new DeployProblem(what == "executable name" ? path : $"{path}.{what}", line,
                $"{what} '{value}' contains a space; remove it (names become file, program and socket names)"));
        }
    }

    private static void Missing(string path, string key, int line, string what, List<DeployProblem> problems) =>
        problems.Add(new DeployProblem($"{path}.{key}", line, $"missing; set {what}"));
}
