using Overwatch.Build.Deploy.Yaml;

namespace Overwatch.Build.Deploy.Rendering;

/// <summary>One <c>[program:NAME]</c>. Short-lived programs start something and exit (tunnels, grid proxy).</summary>
public sealed record SupervisorProgram(string Name, string Command, bool ShortLived, IReadOnlyList<KeyValuePair<string, string>> Environment);

/// <summary>Pure: which supervisor programs the enabled executables need, in the YAML's order.</summary>
public static class SupervisorPrograms
{
    /// <summary>nginx on our main config only: the image's /etc/nginx/nginx.conf is never read.</summary>
    public static string NginxCommand(RenderSettings settings) =>
        $"/usr/sbin/nginx -c {Quote(Path.Combine(settings.ConfigDir, ConfigRenderer.NginxMainConfigFile))}";
    public const string GridProxyCommand = "xrdgsiproxy init -valid 168:00";

    public static IReadOnlyList<SupervisorProgram> For(DeployConfig config, RenderSettings settings)
    {
        var programs = new List<SupervisorProgram>();
        foreach (var executable in config.EnabledExecutables)
        {
            switch (executable.Kind)
            {
                case ExecutableKind.Zodb:
                    programs.Add(Program(executable.Name, $"runzeo -C {Quote(Path.Combine(settings.ConfigDir, ConfigRenderer.DatabaseConfFile))}"));
                    break;
                case ExecutableKind.ZmqReceiver:
                    AddReceiver(config, executable, executable.Receiver!, programs);
                    break;
                default:
                    if (executable.Kind == ExecutableKind.DataTransfer && NeedsGridProxy(executable))
                    {
                        programs.Add(Program("gridProxy", GridProxyCommand, shortLived: true));
                    }
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

    private static void AddReceiver(DeployConfig config, Executable executable, ReceiverOptions receiver, List<SupervisorProgram> programs)
    {
        if (receiver.Tunnel is { Enabled: true } tunnel)
        {
            programs.Add(Program($"autossh_{receiver.Subsystem}",
                $"autossh -L {receiver.LocalPort}:localhost:{tunnel.HltPort} -o ServerAliveInterval=30 -o ServerAliveCountMax=3 -p {tunnel.Port} -l {tunnel.Username} {tunnel.Address} -M 0 -f -N",
                shortLived: true));
        }
        var command = $"zmqReceive --subsystem={receiver.Subsystem} --in=REQ>tcp://localhost:{receiver.LocalPort} --dataPath={receiver.DataPath} --verbose=1 --sleep=60 --timeout=100 --select={receiver.Select}";
        if (receiver.ExtraArguments.Length > 0) command += " " + receiver.ExtraArguments;
        programs.Add(Program(executable.Name, command, environment: ReceiverEnvironment(config.Environment)));
    }

    /// <summary>What ROOT's thisroot.sh would set, plus the receiver's own directory on PATH.</summary>
    private static List<KeyValuePair<string, string>> ReceiverEnvironment(DeployEnvironment environment)
    {
        var path = new List<string> { environment.ZmqReceiverPath };
        var variables = new List<KeyValuePair<string, string>>();
        if (environment.RootPath is { } root)
        {
            path.Add(Path.Combine(root, "bin"));
            variables.Add(new("ROOTSYS", Escape(root)));
            variables.Add(new("LD_LIBRARY_PATH", Escape(Path.Combine(root, "lib"))));
        }
        // supervisord expands %(ENV_PATH)s from its own environment.
        variables.Insert(0, new("PATH", Escape(string.Join(':', path)) + ":%(ENV_PATH)s"));
        return variables;
    }

    private static bool NeedsGridProxy(Executable executable) =>
        executable.AdditionalOptions?["dataTransferLocations"] is YamlMap locations
        && locations.Entries.Any(e => e.Key.Text?.Contains("EOS", StringComparison.OrdinalIgnoreCase) == true);

    private static SupervisorProgram Program(string name, string command, bool shortLived = false,
        IReadOnlyList<KeyValuePair<string, string>>? environment = null) =>
        new(name, Escape(command), shortLived, environment ?? []);

    /// <summary>supervisord expands %(name)s in values; a literal '%' is written '%%'.</summary>
    public static string Escape(string value) => value.Replace("%", "%%");

    /// <summary>supervisord splits commands shell-style, so a path with spaces needs quotes.</summary>
    private static string Quote(string path) => path.Any(char.IsWhiteSpace) ? $"\"{path.Replace("\"", "\\\"")}\"" : path;
}
