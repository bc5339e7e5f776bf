using Overwatch.Build.Yaml;
using Overwatch.Build.Deploy.Model;

namespace Overwatch.Build.Deploy.Rendering;

/// <summary>One <c>[program:NAME]</c>. Short-lived programs start something and exit (tunnels, grid proxy).</summary>
public sealed record SupervisorProgram(string Name, string Command, bool ShortLived, IReadOnlyList<KeyValuePair<string, string>> Environment);

/// <summary>Pure: which supervisor programs the enabled executables need, in the YAML's order.</summary>
public static class SupervisorPrograms
{
    /// <summary>nginx on our main config only: the image's /etc/nginx/nginx.conf is never read.</summary>
    public static string NginxCommand(RenderSettings settings) =>
        $"/usr/sbin/nginx -c {Quote(Path.Combine(settings.ConfigDir, ConfigRenderer.NginxMainConfigFile))}";

    /// <summary>The name and command of the existing deployment, which operators' monitoring knows.</summary>
    public const string GridTokenProxy = "gridTokenProxy";
    public const string GridTokenProxyCommand = "xrdgsiproxy init -valid 168:00";

    public static IReadOnlyList<SupervisorProgram> For(DeployConfig config, RenderSettings settings)
    {
        var programs = new List<SupervisorProgram>();
        var credentials = ProgramCredentials.For(config.Environment, settings);
        foreach (var executable in config.EnabledExecutables)
        {
            switch (executable.Kind)
            {
                case ExecutableKind.Zodb:
                    programs.Add(Program(executable.Name, $"runzeo -C {Quote(Path.Combine(settings.ConfigDir, ConfigRenderer.DatabaseConfFile))}"));
                    break;
                case ExecutableKind.ZmqReceiver:
                    AddReceiver(config, executable, executable.Receiver!, settings, credentials, programs);
                    break;
                case ExecutableKind.DataTransfer:
                    AddDataTransfer(executable, settings, credentials, programs);
                    break;
                default:
                    programs.Add(Program(ProgramName(executable), executable.ServedByUwsgi
                        ? $"uwsgi --yaml {Quote(Path.Combine(settings.ConfigDir, ConfigRenderer.UwsgiFile(executable)))}"
                        : executable.Kind.Command()));
                    if (executable.Nginx is { Enabled: true }) programs.Add(Program("nginx", NginxCommand(settings)));
                    break;
            }
        }
        return programs;
    }

    /// <summary>The names the existing deployment gives supervisor programs, which users already know.</summary>
    public static string ProgramName(Executable executable) =>
        executable.Name == "receiverMonitor" ? "overwatchReceiverMonitor" : executable.Name;

    /// <summary>gridTokenProxy first for an EOS site, as upstream; rsync over ssh finds its key through RSYNC_RSH (Overwatch passes no -e).</summary>
    private static void AddDataTransfer(Executable executable, RenderSettings settings, ProgramCredentials credentials, List<SupervisorProgram> programs)
    {
        if (NeedsGridProxy(executable))
        {
            programs.Add(Program(GridTokenProxy, GridTokenProxyCommand, shortLived: true, environment: GridEnvironment(credentials)));
        }
        var destinations = SshDestinations.OfDataTransfer(executable);
        List<KeyValuePair<string, string>>? environment = destinations.Count > 0 && credentials.PointSsh
            ? [new("RSYNC_RSH", Escape($"ssh -F {ShellWord(Path.Combine(settings.ConfigDir, ConfigRenderer.SshConfigFile))}"))]
            : null;
        programs.Add(Program(ProgramName(executable), WithKnownHosts(destinations, executable.Kind.Command(), settings), environment: environment));
    }

    private static void AddReceiver(DeployConfig config, Executable executable, ReceiverOptions receiver, RenderSettings settings,
        ProgramCredentials credentials, List<SupervisorProgram> programs)
    {
        if (receiver.Tunnel is { Enabled: true } tunnel && SshDestinations.OfTunnel(receiver) is { } destination)
        {
            var sshConfig = credentials.PointSsh ? $" -F {Quote(Path.Combine(settings.ConfigDir, ConfigRenderer.SshConfigFile))}" : "";
            programs.Add(Program($"autossh_{receiver.Subsystem}", WithKnownHosts([destination],
                $"autossh -L {receiver.LocalPort}:localhost:{tunnel.HltPort} -o ServerAliveInterval=30 -o ServerAliveCountMax=3{sshConfig} -p {tunnel.Port} -l {tunnel.Username} {tunnel.Address} -M 0 -f -N",
                settings), shortLived: true));
        }
        var command = $"zmqReceive --subsystem={receiver.Subsystem} --in=REQ>tcp://localhost:{receiver.LocalPort} --dataPath={receiver.DataPath} --verbose=1 --sleep=60 --timeout=100 --select={receiver.Select}";
        if (receiver.ExtraArguments.Length > 0) command += " " + receiver.ExtraArguments;
        programs.Add(Program(executable.Name, command, environment: ReceiverEnvironment(config.Environment)));
    }

    /// <summary>
    /// Before a program that uses ssh: the known-hosts script checks (or, without pinned keys, fetches once) the
    /// host key of each destination where the program runs, then starts it.
    /// </summary>
    private static string WithKnownHosts(IReadOnlyList<SshDestination> destinations, string command, RenderSettings settings)
    {
        if (destinations.Count == 0) return command;
        var hosts = string.Join(" ", destinations.Select(d => $"{d.Port} {d.Address}"));
        return $"/bin/sh {Quote(Path.Combine(settings.ConfigDir, ConfigRenderer.KnownHostsScript))} {hosts} -- {command}";
    }

    /// <summary>xrdgsiproxy reads the certificate and key from ~/.globus unless these name them.</summary>
    private static List<KeyValuePair<string, string>>? GridEnvironment(ProgramCredentials credentials)
    {
        if (!credentials.PointGrid) return null;
        var variables = new List<KeyValuePair<string, string>>();
        if (credentials.GridCertFile is { } cert) variables.Add(new("X509_USER_CERT", Escape(cert)));
        if (credentials.GridKeyFile is { } key) variables.Add(new("X509_USER_KEY", Escape(key)));
        return variables;
    }

    /// <summary>What ROOT's thisroot.sh would set, plus the receiver's own directory on PATH when enabled (as upstream).</summary>
    private static List<KeyValuePair<string, string>> ReceiverEnvironment(DeployEnvironment environment)
    {
        var path = environment.ZmqReceiverEnabled ? new List<string> { environment.ZmqReceiverPath } : [];
        var variables = new List<KeyValuePair<string, string>>();
        if (environment.RootPath is { } root)
        {
            path.Add(Path.Combine(root, "bin"));
            variables.Add(new("ROOTSYS", Escape(root)));
            variables.Add(new("LD_LIBRARY_PATH", Escape(Path.Combine(root, "lib"))));
        }
        // supervisord expands %(ENV_PATH)s from its own environment.
        if (path.Count > 0) variables.Insert(0, new("PATH", Escape(string.Join(':', path)) + ":%(ENV_PATH)s"));
        return variables;
    }

    private static bool NeedsGridProxy(Executable executable) =>
        executable.AdditionalOptions?[SshDestinations.LocationsKey] is YamlMap locations
        && locations.Entries.Any(e => e.Key.Text is { } name && SshDestinations.IsEosSite(name));

    private static SupervisorProgram Program(string name, string command, bool shortLived = false,
        IReadOnlyList<KeyValuePair<string, string>>? environment = null) =>
        new(name, Escape(command), shortLived, environment ?? []);

    /// <summary>supervisord expands %(name)s in values; a literal '%' is written '%%'.</summary>
    public static string Escape(string value) => value.Replace("%", "%%");

    /// <summary>supervisord splits commands shell-style, so a path with spaces needs quotes.</summary>
    private static string Quote(string path) => path.Any(char.IsWhiteSpace) ? $"\"{path.Replace("\"", "\\\"")}\"" : path;

    /// <summary>rsync splits RSYNC_RSH at spaces and honours single quotes.</summary>
    private static string ShellWord(string path) => path.Any(char.IsWhiteSpace) ? $"'{path}'" : path;
}
