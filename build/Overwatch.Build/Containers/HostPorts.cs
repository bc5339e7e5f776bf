using System.Globalization;
using Overwatch.Build.Deploy.Rendering;
using Overwatch.Build.Deploy.Model;

namespace Overwatch.Build.Containers;

/// <summary>
/// Host networking puts every service on the host's own ports: the web service's nginx must listen where the deployment
/// says Overwatch is (externalIP:externalPort), and no two services may listen on one port (supervisor control, uwsgi
/// stats, ZEO, receivers, nginx). Pure; one line per problem, naming the service, the key and the fix.
/// </summary>
public static class HostPorts
{
    public static IReadOnlyList<DeployProblem> Problems(IReadOnlyList<(HostService Service, DeployConfig Config)> services, ComposeNetwork network)
    {
        var problems = new List<DeployProblem>();
        var expected = $"{network.ExternalIp}:{network.ExternalPort}";
        foreach (var (service, config) in services)
        {
            if (!config.Supervisor)
                problems.Add(new DeployProblem("supervisor", null,
                    $"service {service.Name}: supervisor is false, but the container runs its programs under supervisord: set supervisor: true"));
            if (config.Nginx is { } nginx && nginx.Site.Listen != expected)
                problems.Add(new DeployProblem($"{nginx.Site.YamlPath}.listen", nginx.Site.ListenLine ?? nginx.Site.Line,
                    $"service {service.Name}: listen is '{nginx.Site.Listen}'{(nginx.Site.ListenLine is null ? " (the default)" : "")}, but with --network=host nginx must listen " +
                    $"where Overwatch is published, externalIP:externalPort = {expected}: set listen: \"{expected}\" (or externalIP/externalPort to match)"));
            if (config.Supervisor && config.Control.Port > 65535)
                problems.Add(new DeployProblem("supervisorControl.port", config.Control.Line,
                    $"service {service.Name}: its supervisor control port {config.Control.Port} (supervisorControl.port + {service.ControlPortOffset}, " +
                    "one more per service) is above 65535: lower supervisorControl.port"));
        }
        var owners = new Dictionary<int, string>();
        foreach (var (service, config) in services)
        {
            foreach (var (port, what, line) in Listening(config).Distinct())
            {
                var owner = $"{what} of service {service.Name}";
                if (owners.TryGetValue(port, out var first))
                    problems.Add(new DeployProblem(what, line,
                        $"port {port} is used by both {first} and {owner}: with --network=host the services share the host's ports; give each its own"));
                else owners[port] = owner;
            }
        }
        return problems;
    }

    /// <summary>The ports a service's programs listen on, with the key that sets each and its line.</summary>
    public static IEnumerable<(int Port, string What, int? Line)> Listening(DeployConfig config)
    {
        if (config.Supervisor) yield return (config.Control.Port, "supervisorControl.port", config.Control.Line);
        foreach (var app in config.EnabledExecutables)
        {
            if (app.ServedByUwsgi && Port(app.Uwsgi!.GetText("stats") ?? UwsgiConfig.DefaultStats) is { } stats)
                yield return (stats, $"{app.Uwsgi.YamlPath}.stats", app.Uwsgi.Line);
            if (app.Zodb is { } zodb) yield return (zodb.Port, $"{app.YamlPath}.port", zodb.Line);
            if (app.Receiver?.LocalPort is { } local) yield return (local, $"{app.YamlPath}.localPort", app.Receiver.Line);
            if (app.Nginx is { Enabled: true } site && Port(site.Listen) is { } web) yield return (web, $"{site.YamlPath}.listen", site.ListenLine ?? site.Line);
        }
    }

    /// <summary>The port of "ADDRESS:PORT", ":PORT" or "PORT"; null for a unix socket path.</summary>
    public static int? Port(string listen)
    {
        var text = listen[(listen.LastIndexOf(':') + 1)..];
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;
    }
}
