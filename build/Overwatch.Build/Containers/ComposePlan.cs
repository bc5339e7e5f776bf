using Overwatch.Build.Deploy.Model;

namespace Overwatch.Build.Containers;

/// <summary>Everything the compose file says, decided before rendering: pure.</summary>
public sealed record ComposePlan(
    string Image,
    string ProxyImage,
    string DataDir,
    string ExecDir,
    ComposeNetwork Network,
    string? VirtualHost,
    IReadOnlyList<ComposeService> Services)
{
    public const string DefaultProxyImage = "jwilder/nginx-proxy:latest";

    /// <summary>Secrets and the deploy config reach the containers by name only: compose reads their values from its own environment.</summary>
    public static IReadOnlyList<string> PassedVariables => ShellCommand.PassedVariables;

    public ComposeService? WebService => Services.FirstOrDefault(s => s.IsWeb);

    public static ComposePlan Create(string image, string dataDir, string execDir, ComposeNetwork network, string? virtualHost, DeployConfig? config)
    {
        var groups = config?.Containers ?? [];
        IReadOnlyList<ComposeService> services = groups.Count == 0
            ? [new ComposeService("overwatch", null, network.ExternalPort)]
            : Split(groups, config!, network);
        return new ComposePlan(image, DefaultProxyImage, dataDir, execDir, network, virtualHost, services);
    }

    // The first container that runs a web app is the one nginx-proxy routes to; the others publish nothing.
    private static IReadOnlyList<ComposeService> Split(IReadOnlyList<ContainerGroup> groups, DeployConfig config, ComposeNetwork network)
    {
        var web = config.Executables.Where(e => e.Kind is ExecutableKind.WebApp or ExecutableKind.DqmReceiver).Select(e => e.Name).ToHashSet();
        var webGroup = groups.FirstOrDefault(g => g.Executables.Any(web.Contains)) ?? groups[0];
        return groups.Select(g => new ComposeService(g.Name, string.Join(',', g.Executables), g == webGroup ? network.ExternalPort : null)).ToList();
    }
}
