using NUnit.Framework;
using Overwatch.Build.Deploy;
using Overwatch.Build.Deploy.Rendering;
using Overwatch.Build.Containers;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Containers;

/// <summary>Golden files of the compose file and the nginx site for the virtual host.</summary>
public sealed class ComposeRendererTests
{
    private static readonly TemplateSet Templates = new(RepoPaths.Templates);
    private static string GoldenDir => Path.Combine(RepoPaths.Fixtures, "Containers", "Golden");

    [Test]
    public void Defaults_render_the_golden_compose_file_and_site()
    {
        var plan = ComposePlan.Create("docker.io/rehlers/overwatch:latest-py3.6.7", "/opt/overwatch/data", "/opt/overwatch/exec",
            new ComposeNetwork("127.0.0.1", 8080, "0.0.0.0", 80), "dev.example.org", null);

        Golden.AssertMatches(Path.Combine(GoldenDir, "default", "docker-compose.yml"), ComposeRenderer.ComposeFile(plan, Templates));
        Golden.AssertMatches(Path.Combine(GoldenDir, "default", "nginx-proxy-site.conf"), ComposeRenderer.ProxySite(plan, Templates)!);
    }

    [Test]
    public void Split_containers_render_one_service_each_and_only_the_web_one_is_published()
    {
        var config = DeployConfigLoader.Load(ComposePlanTests.SplitDeployment("web: [webApp, zodb]", "workers: [processing]"), new Dictionary<string, string?>());
        var plan = ComposePlan.Create("127.0.0.1:5000/overwatch:1.2-py2.7.15", "/srv/data", "/srv/exec",
            new ComposeNetwork("192.0.2.10", 9000, "127.0.0.2", 8081), null, config);

        Golden.AssertMatches(Path.Combine(GoldenDir, "split", "docker-compose.yml"), ComposeRenderer.ComposeFile(plan, Templates));
        Assert.That(ComposeRenderer.ProxySite(plan, Templates), Is.Null, "no virtual host, nothing to route");
    }

    [Test]
    public void Rendering_twice_gives_the_same_bytes()
    {
        var plan = ComposePlan.Create("img:tag", "/d", "/e", new ComposeNetwork("127.0.0.1", 8080, "0.0.0.0", 80), "a.example.org", null);

        Assert.That(ComposeRenderer.ComposeFile(plan, Templates), Is.EqualTo(ComposeRenderer.ComposeFile(plan, Templates)));
    }
}
