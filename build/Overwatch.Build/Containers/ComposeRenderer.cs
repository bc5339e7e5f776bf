using Overwatch.Build.Deploy.Rendering;

namespace Overwatch.Build.Containers;

/// <summary>The compose file and, with a virtual host, the equivalent nginx site: pure apart from reading templates.</summary>
public static class ComposeRenderer
{
    public static string ComposeFile(ComposePlan plan, TemplateSet templates) =>
        templates.Render("docker-compose.yml", new
        {
            plan.Image,
            plan.ProxyImage,
            plan.DataDir,
            plan.ExecDir,
            plan.Network,
            plan.VirtualHost,
            plan.Services,
            ComposePlan.PassedVariables,
        });

    /// <summary>The host-network stack: a service per container, each mounting what was rendered for it.</summary>
    public static string HostComposeFile(HostStackPlan plan, TemplateSet templates) =>
        templates.Render("docker-compose-host.yml", new { plan.Image, plan.DataDir, plan.StackDir, plan.Services });

    /// <summary>Null without a virtual host or a web service: there is nothing to route.</summary>
    public static string? ProxySite(ComposePlan plan, TemplateSet templates) =>
        plan is { VirtualHost: { } host, WebService: { HostPort: { } port } }
            ? templates.Render("nginx-proxy-site.conf", new { VirtualHost = host, plan.Network, WebPort = port })
            : null;
}
