using Overwatch.Build.Yaml;
using Overwatch.Build.Infrastructure.Network;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Deploy.Model;

/// <summary>The deployment YAML as typed values, defaults applied. Built by <see cref="DeployConfigLoader"/>.</summary>
public sealed record DeployConfig(
    bool Supervisor,
    SupervisorControl Control,
    DeployEnvironment Environment,
    IReadOnlyList<Executable> Executables)
{
    /// <summary>How the executables are split over containers; empty means one container runs them all.</summary>
    public IReadOnlyList<ContainerGroup> Containers { get; init; } = [];

    /// <summary>Where supervisord's config is rendered, relative to the exec directory.</summary>
    public const string SupervisordConfRelativePath = ExecLayout.SupervisordConf;

    public static string SupervisordConfPath(string execDir) => Path.Combine(execDir, SupervisordConfRelativePath);

    public IEnumerable<Executable> EnabledExecutables => Executables.Where(e => e.Enabled);

    public Executable? Zodb => EnabledExecutables.FirstOrDefault(e => e.Kind == ExecutableKind.Zodb);

    /// <summary>The enabled nginx site (at most one can be enabled), with the web app it serves.</summary>
    public (Executable App, NginxSite Site)? Nginx =>
        EnabledExecutables.Where(e => e.Nginx is { Enabled: true }).Select(e => ((Executable, NginxSite)?)(e, e.Nginx!)).FirstOrDefault();

    /// <summary>Overwatch's default when nothing says otherwise: a file storage, usable by one process only.</summary>
    public const string OverwatchDefaultDatabaseLocation = "file://data/overwatch.fs";

    /// <summary>
    /// The database the Overwatch programs use: what <c>additionalOptions.databaseLocation</c> says,
    /// else the ZEO server of the enabled <c>zodb</c>, else Overwatch's file default.
    /// </summary>
    public string DatabaseLocation =>
        ExplicitDatabaseLocation?.Text ?? Zodb?.Zodb?.ClientUrl ?? OverwatchDefaultDatabaseLocation;

    /// <summary>The last <c>databaseLocation</c> set in an enabled Overwatch program's additionalOptions.</summary>
    public YamlScalar? ExplicitDatabaseLocation =>
        EnabledExecutables.Where(e => e.Kind.IsOverwatchProgram())
            .Select(e => e.AdditionalOptions?["databaseLocation"] as YamlScalar)
            .LastOrDefault(s => s is { IsNull: false });
}

/// <summary>supervisord's XML-RPC control server (<c>[inet_http_server]</c>), used by supervisorctl.</summary>
public sealed record SupervisorControl(string Address, int Port, string? Username, string? Password, int? Line)
{
    public const string DefaultAddress = ListenAddress.Loopback;
    public const int DefaultPort = 9001;

    public bool HasCredentials => !string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password);

    public bool IsLoopback => ListenAddress.IsLoopback(Address);

    /// <summary>The value of <c>[inet_http_server] port</c>.</summary>
    public string Listen => $"{HostForUrl(Address)}:{Port}";

    /// <summary>Where supervisorctl connects; a wildcard address is reached through loopback.</summary>
    public string ServerUrl => $"http://{HostForUrl(ListenAddress.Reachable(Address))}:{Port}";

    private static string HostForUrl(string address) => address.Contains(':') ? $"[{address}]" : address;
}

/// <param name="ZmqReceiverEnabled">As in the existing deployment: the receiver path goes on PATH only when this is true.</param>
public sealed record DeployEnvironment(
    SecretSpec GridCert,
    SecretSpec GridKey,
    SecretSpec SshKey,
    SecretSpec KnownHosts,
    string? RootPath,
    bool ZmqReceiverEnabled,
    string ZmqReceiverPath,
    IReadOnlyDictionary<string, string?> Vars)
{
    public IEnumerable<SecretSpec> Secrets => [GridCert, GridKey, SshKey, KnownHosts];
}

/// <summary>The secrets, each written where the program that reads it looks (ssh, xrdgsiproxy).</summary>
public enum SecretKind { GridCert, GridKey, SshKey, KnownHosts }

/// <summary>A secret read from an environment variable and written to a file readable only by its owner.</summary>
public sealed record SecretSpec(SecretKind Kind, bool Enabled, string VariableName, string WriteLocation, string YamlPath, int? Line);

/// <summary>One entry of <c>executables</c>.</summary>
public sealed record Executable(string Name, ExecutableKind Kind, bool Enabled, bool RunInBackground, bool ForceRestart, string YamlPath, int Line)
{
    public ReceiverOptions? Receiver { get; init; }
    public ZodbOptions? Zodb { get; init; }
    public UwsgiOptions? Uwsgi { get; init; }
    public NginxSite? Nginx { get; init; }

    /// <summary>Entries merged into the Overwatch <c>config.yaml</c> (Overwatch programs only).</summary>
    public YamlMap? AdditionalOptions { get; init; }

    public bool ServedByUwsgi => Uwsgi is { Enabled: true };
}

public sealed record ReceiverOptions(string? Receiver, int? LocalPort, string DataPath, string Select, string ExtraArguments, TunnelOptions? Tunnel, int Line)
{
    public string? Subsystem => Receiver?.ToUpperInvariant();
}

public sealed record TunnelOptions(bool Enabled, string? Address, int Port, string? Username, int? HltPort, string YamlPath, int Line);

public sealed record ZodbOptions(string Address, int Port, string DatabasePath, int Line)
{
    public string ServeAddress => $"{Address}:{Port}";

    /// <summary>What Overwatch's <c>databaseLocation</c> must be to use this server.</summary>
    public string ClientUrl => $"zeo://{ListenAddress.Reachable(Address)}:{Port}";
}

/// <summary>A uwsgi option as written (value a scalar or a list of scalars), in file order.</summary>
public sealed record UwsgiOption(string Key, YamlValue Value);

public sealed record UwsgiOptions(bool Enabled, IReadOnlyList<UwsgiOption> Options, string? SocketsDir, string YamlPath, int Line)
{
    public const string HttpSocket = "http-socket";
    public const string UwsgiSocket = "uwsgi-socket";

    public YamlValue? Get(string key) => Options.LastOrDefault(o => o.Key == key)?.Value;

    public string? GetText(string key) => (Get(key) as YamlScalar)?.Text;
}

/// <param name="Listen">nginx's <c>listen</c> for the site: upstream's 80, or ADDRESS:PORT with host networking.</param>
public sealed record NginxSite(bool Enabled, string? WebAppName, string BasePath, string SitesPath, string ConfigPath, string Listen, string YamlPath, int Line)
{
    public const string DefaultBasePath = "/etc/nginx";
    public const string DefaultListen = "80";

    /// <summary>The line of the <c>listen</c> key; null when the default applies.</summary>
    public int? ListenLine { get; init; }

    /// <summary>The line of the <c>basePath</c> key; null when the default applies.</summary>
    public int? BasePathLine { get; init; }

    public string SiteFile => Path.Combine(BasePath, SitesPath, $"{WebAppName}Nginx.conf");

    public string GzipFile => Path.Combine(BasePath, ConfigPath, "gzip.conf");
}
