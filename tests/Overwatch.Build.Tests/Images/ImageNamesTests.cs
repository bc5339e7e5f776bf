using NUnit.Framework;
using Overwatch.Build.Images;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Tests.Images;

/// <summary>Registry, namespace and repository names: valid ones pass through unchanged, invalid ones are refused with the source named.</summary>
public sealed class ImageNamesTests
{
    [TestCase("docker.io")]
    [TestCase("127.0.0.1:5000")]
    [TestCase("localhost:5000")]
    [TestCase("Registry.Example.com")]
    public void Valid_registry_passes(string registry) =>
        Assert.That(ImageNames.Registry(registry, "--registry"), Is.EqualTo(registry));

    [TestCase("https://docker.io")]
    [TestCase("docker.io/")]
    [TestCase("-docker.io")]
    [TestCase("docker.io:port")]
    [TestCase("docker io")]
    [TestCase("docker.io\n")]
    [TestCase("")]
    public void Invalid_registry_is_refused(string registry)
    {
        var error = Assert.Throws<UsageException>(() => ImageNames.Registry(registry, "--registry"));

        Assert.That(error!.Message, Does.Contain($"invalid registry '{registry}' in --registry").And.Contain("e.g. docker.io or 127.0.0.1:5000"));
    }

    [TestCase("127.0.0.1:99999")]
    [TestCase("127.0.0.1:0")]
    [TestCase("registry.example.org:65536")]
    public void Registry_port_outside_the_tcp_range_is_refused(string registry)
    {
        var error = Assert.Throws<UsageException>(() => ImageNames.Registry(registry, "--registry"));

        Assert.That(error!.Message, Does.Contain($"invalid registry '{registry}' in --registry: port").And.Contain("is outside 1-65535"));
    }

    [TestCase("rehlers")]
    [TestCase("")]
    [TestCase("my-org")]
    [TestCase("org/team")]
    public void Valid_namespace_passes(string ns) =>
        Assert.That(ImageNames.Namespace(ns, "--image-namespace"), Is.EqualTo(ns));

    [TestCase("Rehlers")]
    [TestCase("REHLERS")]
    [TestCase("-rehlers")]
    [TestCase("rehlers/")]
    [TestCase("re hlers")]
    [TestCase("rehlers\n")]
    public void Invalid_namespace_is_refused(string ns)
    {
        var error = Assert.Throws<UsageException>(() => ImageNames.Namespace(ns, "--image-namespace"));

        Assert.That(error!.Message, Does.Contain($"invalid image namespace '{ns}' in --image-namespace").And.Contain("lowercase"));
    }

    [TestCase("Overwatch")]
    [TestCase("overwatch_")]
    [TestCase("overwatch:latest")]
    [TestCase("overwatch\n")]
    [TestCase("")]
    public void Invalid_repository_is_refused(string name)
    {
        var error = Assert.Throws<UsageException>(() => ImageNames.Repository(name, "images.yaml (app.name)"));

        Assert.That(error!.Message, Does.Contain($"invalid image name '{name}' in images.yaml (app.name)").And.Contain("lowercase repository name"));
    }
}
