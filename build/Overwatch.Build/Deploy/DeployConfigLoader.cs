using Overwatch.Build.Yaml;
using Overwatch.Build.Inputs;
using Overwatch.Build.Deploy.Model;

namespace Overwatch.Build.Deploy;

/// <summary>
/// Pure: deployment YAML text plus an environment in, typed <see cref="DeployConfig"/> out.
/// Reads types and defaults; the rules between values are <see cref="DeployValidator"/>'s.
/// </summary>
public static class DeployConfigLoader
{
    public const string ExecutablesVariable = "OVERWATCH_EXECUTABLES";

    private static readonly string[] CommonKeys = ["enabled", "runInBackground", "forceRestart"];

    /// <summary>Loads and validates; throws <see cref="UsageException"/> listing every problem.</summary>
    public static DeployConfig Load(string yamlText, IReadOnlyDictionary<string, string?> environment)
    {
        var (config, problems) = LoadAndValidate(yamlText, environment);
        if (problems.Count > 0) throw new UsageException(DeployProblems.Format(problems));
        return config!;
    }

    /// <summary>Loads and validates; the config is null only when the YAML could not be read at all.</summary>
    public static (DeployConfig? Config, IReadOnlyList<DeployProblem> Problems) LoadAndValidate(
        string yamlText, IReadOnlyDictionary<string, string?> environment, YamlLimits? limits = null)
    {
        var read = new List<YamlProblem>();
        var config = Read(yamlText, environment, read, limits);
        var problems = read.Select(DeployProblem.From).ToList();
        if (config is not null) problems.AddRange(DeployValidator.Validate(config));
        return (config, problems);
    }

    /// <summary>Reads types and defaults only, recording type mistakes in <paramref name="problems"/>.</summary>
    public static DeployConfig? Read(string yamlText, IReadOnlyDictionary<string, string?> environment, ICollection<YamlProblem> problems,
        YamlLimits? limits = null)
    {
        var root = YamlTreeReader.Read(yamlText, environment, problems, limits);
        if (root is null) return null;
        if (root is not YamlMap rootMap)
        {
            problems.Add(new YamlProblem("(document)", root.Line,
                "the deploy configuration must be a map with 'supervisor', 'environment' and 'executables'"));
            return null;
        }
        var top = new YamlSection(rootMap, "", problems);
        var executables = top.Section("executables");
        if (executables is null && top.Value("executables") is null)
        {
            problems.Add(new YamlProblem("executables", null, "missing; add an 'executables' map naming the programs to run"));
        }
        return new DeployConfig(
            Supervisor: top.Bool("supervisor", false),
            Control: ReadControl(top.Section("supervisorControl")),
            Environment: ReadEnvironment(top.Section("environment"), environment),
            Executables: ReadExecutables(executables, environment, problems))
        {
            Containers = ReadContainers(top.Section("containers"), problems),
        };
    }

    private static IReadOnlyList<ContainerGroup> ReadContainers(YamlSection? section, ICollection<YamlProblem> problems)
    {
        if (section is null) return [];
        var groups = new List<ContainerGroup>();
        foreach (var entry in section.Map.Entries)
        {
            if (entry.Key.Text is not { } name) continue;
            var names = entry.Value switch
            {
                YamlList list => list.Items.OfType<YamlScalar>().Where(i => !i.IsNull).Select(i => i.Text!).ToList(),
                YamlScalar { IsNull: false } scalar => scalar.Text!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
                _ => null,
            };
            if (names is null)
            {
                section.Problem(name, "expected a list of executable names, e.g. [webApp, zodb]");
                continue;
            }
            groups.Add(new ContainerGroup(name, names, entry.Key.Line));
        }
        return groups;
    }

    private static SupervisorControl ReadControl(YamlSection? section)
    {
        if (section is null) return new SupervisorControl(SupervisorControl.DefaultAddress, SupervisorControl.DefaultPort, null, null, null);
        section.RejectUnknown(["address", "port", "username", "password"]);
        return new SupervisorControl(
            section.String("address", SupervisorControl.DefaultAddress),
            section.Int("port") ?? SupervisorControl.DefaultPort,
            section.String("username"),
            section.String("password"),
            section.Line);
    }

    private static DeployEnvironment ReadEnvironment(YamlSection? section, IReadOnlyDictionary<string, string?> environment)
    {
        section?.RejectUnknown(["gridCert", "gridKey", "sshKey", "knownHosts", "root", "zmqReceiver", "vars"]);
        var root = section?.Section("root");
        root?.RejectUnknown(["path"]);
        var receiver = section?.Section("zmqReceiver");
        receiver?.RejectUnknown(["enabled", "path"]);
        var vars = section?.Section("vars");
        return new DeployEnvironment(
            ReadSecret(section, SecretKind.GridCert, "~/.globus/usercert.pem", environment),
            ReadSecret(section, SecretKind.GridKey, "~/.globus/userkey.pem", environment),
            ReadSecret(section, SecretKind.SshKey, "~/.ssh/id_rsa", environment),
            ReadSecret(section, SecretKind.KnownHosts, "~/.ssh/known_hosts", environment),
            root?.String("path"),
            receiver?.Bool("enabled", false) ?? false,
            receiver?.String("path") ?? EnvironmentExpander.Expand("${PWD}/receiver/bin", environment),
            vars?.Map.Entries.Where(e => e.Key.Text is not null)
                .ToDictionary(e => e.Key.Text!, e => vars.String(e.Key.Text!))
                ?? new Dictionary<string, string?>());
    }

    private static SecretSpec ReadSecret(YamlSection? environmentSection, SecretKind kind, string defaultLocation,
        IReadOnlyDictionary<string, string?> environment)
    {
        var key = char.ToLowerInvariant(kind.ToString()[0]) + kind.ToString()[1..];
        var section = environmentSection?.Section(key);
        section?.RejectUnknown(["enabled", "variableName", "writeLocation"]);
        var location = section?.String("writeLocation") ?? defaultLocation;
        return new SecretSpec(kind,
            section?.Bool("enabled", false) ?? false,
            section?.String("variableName") ?? key,
            EnvironmentExpander.ExpandPath(location, environment),
            YamlTreeReader.Join("environment", key),
            section?.Line);
    }

    private static IReadOnlyList<Executable> ReadExecutables(YamlSection? section, IReadOnlyDictionary<string, string?> environment,
        ICollection<YamlProblem> problems)
    {
        if (section is null) return [];
        var enabledByVariable = ParseEnabledByVariable(environment, section, problems);
        var result = new List<Executable>();
        foreach (var entry in section.Map.Entries)
        {
            var name = entry.Key.Text;
            if (name is null) continue;
            var path = section.PathOf(name);
            if (!ExecutableKinds.TryFromExecutableName(name, out var kind))
            {
                problems.Add(new YamlProblem(path, entry.Key.Line,
                    $"unknown executable kind '{name.Split('_')[0]}'; the kind is the name up to the first '_', one of: {string.Join(", ", ExecutableKinds.YamlNames)}"));
                continue;
            }
            var options = entry.Value switch
            {
                YamlMap map => new YamlSection(map, path, problems),
                YamlScalar { IsNull: true } => new YamlSection(new YamlMap([], entry.Key.Line), path, problems),
                _ => null,
            };
            if (options is null)
            {
                problems.Add(new YamlProblem(path, entry.Key.Line, $"expected a map of options, got {YamlSection.Describe(entry.Value)}"));
                continue;
            }
            result.Add(ReadExecutable(name, kind, options, enabledByVariable.Contains(name), environment));
        }
        return result;
    }

    private static HashSet<string> ParseEnabledByVariable(IReadOnlyDictionary<string, string?> environment, YamlSection executables,
        ICollection<YamlProblem> problems)
    {
        environment.TryGetValue(ExecutablesVariable, out var value);
        var names = (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        foreach (var unknown in names.Where(n => executables.Map.Find(n) is null).Order(StringComparer.Ordinal))
        {
            problems.Add(new YamlProblem(ExecutablesVariable, null,
                $"names '{unknown}', which is not in 'executables'; use one of: {string.Join(", ", executables.Map.Entries.Select(e => e.Key.Text))}"));
        }
        return names;
    }

    private static Executable ReadExecutable(string name, ExecutableKind kind, YamlSection options, bool enabledByVariable,
        IReadOnlyDictionary<string, string?> environment)
    {
        options.RejectUnknown([.. CommonKeys, .. KindKeys(kind)]);
        var executable = new Executable(name, kind,
            Enabled: options.Bool("enabled", false) || enabledByVariable,
            RunInBackground: options.Bool("runInBackground", false),
            ForceRestart: options.Bool("forceRestart", false),
            YamlPath: options.Path,
            Line: options.Line);
        return kind switch
        {
            ExecutableKind.Zodb => executable with { Zodb = ReadZodb(options) },
            ExecutableKind.ZmqReceiver => executable with { Receiver = ReadReceiver(name, options) },
            _ => executable with
            {
                AdditionalOptions = ReadAdditionalOptions(options),
                Uwsgi = kind.IsWebApp() ? UwsgiOptionsReader.Read(options.Section("uwsgi")) : null,
                Nginx = kind.IsWebApp() ? ReadNginx(options.Section("nginx")) : null,
            },
        };
    }

    private static IReadOnlyList<string> KindKeys(ExecutableKind kind) => kind switch
    {
        ExecutableKind.Zodb => ["address", "port", "databasePath"],
        ExecutableKind.ZmqReceiver => ["receiver", "localPort", "dataPath", "select", "defaultOptions", "additionalOptions", "tunnel"],
        // The reference configuration merges receiverOptions (dataPath, defaultOptions) into dqmReceiver; accepted, unused.
        ExecutableKind.DqmReceiver => ["additionalOptions", "uwsgi", "nginx", "dataPath", "defaultOptions"],
        ExecutableKind.WebApp => ["additionalOptions", "uwsgi", "nginx"],
        _ => ["additionalOptions"],
    };

    private static ZodbOptions ReadZodb(YamlSection options) => new(
        options.String("address", "127.0.0.1"),
        options.Int("port") ?? 2345,
        options.String("databasePath", "data/overwatch.fs"),
        options.Line);

    private static ReceiverOptions ReadReceiver(string name, YamlSection options)
    {
        var underscore = name.IndexOf('_');
        var tunnel = options.Section("tunnel");
        tunnel?.RejectUnknown(["enabled", "address", "port", "username", "hltPort"]);
        var extra = string.Join(" ", new[] { options.String("defaultOptions"), options.String("additionalOptions") }
            .Where(s => !string.IsNullOrWhiteSpace(s)));
        return new ReceiverOptions(
            options.String("receiver") ?? (underscore < 0 ? null : name[(underscore + 1)..]),
            options.Int("localPort"),
            options.String("dataPath", "data"),
            options.String("select", ""),
            extra,
            tunnel is null ? null : new TunnelOptions(
                tunnel.Bool("enabled", false),
                tunnel.String("address"),
                tunnel.Int("port") ?? 22,
                tunnel.String("username"),
                tunnel.Int("hltPort"),
                tunnel.Path,
                tunnel.Line),
            options.Line);
    }

    private static YamlMap? ReadAdditionalOptions(YamlSection options) => options.Value("additionalOptions") switch
    {
        null => null,
        YamlMap map => map,
        var other => Report(options, "additionalOptions", $"expected a map of Overwatch options, got {YamlSection.Describe(other)}"),
    };

    private static YamlMap? Report(YamlSection options, string key, string message)
    {
        options.Problem(key, message);
        return null;
    }

    private static NginxSite? ReadNginx(YamlSection? section)
    {
        if (section is null) return null;
        section.RejectUnknown([.. CommonKeys, "webAppName", "basePath", "sitesPath", "configPath", "listen"]);
        return new NginxSite(
            section.Bool("enabled", false),
            section.String("webAppName"),
            section.String("basePath", NginxSite.DefaultBasePath),
            section.String("sitesPath", "sites-enabled"),
            section.String("configPath", "conf.d"),
            section.String("listen", NginxSite.DefaultListen),
            section.Path,
            section.Line)
        {
            ListenLine = section.Value("listen") is null ? null : section.LineOf("listen"),
            BasePathLine = section.Value("basePath") is null ? null : section.LineOf("basePath"),
        };
    }
}
