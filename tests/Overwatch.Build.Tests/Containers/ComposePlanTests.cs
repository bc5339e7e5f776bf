using NUnit.Framework;
using Overwatch.Build.Deploy;
using Overwatch.Build.Containers;

namespace Overwatch.Build.Tests.Containers;

/// <summary>Which Overwatch services the compose file gets and which one serves the web.</summary>
public sealed class ComposePlanTests
{
    private static readonly ComposeNetwork Network = new("127.0.0.1", 8080, "0.0.0.0", 80);
    private static readonly Dictionary<string, string?> NoEnvironment = new() { ["PWD"] = "/opt/overwatch" };

    /// <summary>zodb, processing and webApp, split over the given containers (one "name: [executables]" each).</summary>
    public static string SplitDeployment(params string[] containers) => $$"""
        supervisor: true
        executables:
            zodb: {enabled: true, address: 127.0.0.1, port: 2345, databasePath: data/overwatch.fs}
            processing: {enabled: true}
            webApp: {enabled: true}
        containers:
        {{string.Concat(containers.Select(c => $"    {c}\n"))}}
        """;

    [Test]
    public void Without_a_deploy_config_one_container_runs_everything_and_serves_the_web()
    {
        var plan = ComposePlan.Create("reg/overwatch:latest-py3.6.7", "/d", "/e", Network, "dev.example.org", null);

        Assert.That(plan.Services, Is.EqualTo(new[] { new ComposeService("overwatch", null, 8080) }));
    }

    [Test]
    public void Containers_in_the_deploy_yaml_become_services_with_their_executables()
    {
        var config = DeployConfigLoader.Load(SplitDeployment("database: [zodb]", "web: [webApp]", "workers: [processing]"), NoEnvironment);

        var plan = ComposePlan.Create("img", "/d", "/e", Network, null, config);

        Assert.That(plan.Services, Is.EqualTo(new[]
        {
            new ComposeService("database", "zodb", null),
            new ComposeService("web", "webApp", 8080),
            new ComposeService("workers", "processing", null),
        }));
        Assert.That(plan.WebService!.Name, Is.EqualTo("web"));
    }
}
