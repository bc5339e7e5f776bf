using NUnit.Framework;
using Overwatch.Build.Infrastructure.Docker;

namespace Overwatch.Build.Tests.Infrastructure.Docker;

/// <summary>docker's default insecure registries are 127.0.0.0/8, localhost and ::1: plain HTTP there, TLS everywhere else.</summary>
public sealed class RegistryHostTests
{
    [TestCase("127.0.0.1:5000", true)]
    [TestCase("127.0.0.1", true)]
    [TestCase("127.1.2.3:443", true)]
    [TestCase("localhost:5000", true)]
    [TestCase("LOCALHOST", true)]
    [TestCase("[::1]:5000", true)]
    [TestCase("::1", true)]
    [TestCase("127.example.com", false)]
    [TestCase("127.example.com:5000", false)]
    [TestCase("localhost.example.com", false)]
    [TestCase("128.0.0.1:5000", false)]
    [TestCase("[::2]:5000", false)]
    [TestCase("docker.io", false)]
    [TestCase("registry.example.com:5000", false)]
    public void A_registry_is_on_loopback(string registry, bool loopback) =>
        Assert.That(RegistryHost.IsLoopback(registry), Is.EqualTo(loopback));

    [TestCase("127.0.0.1:5000", "http://127.0.0.1:5000/")]
    [TestCase("localhost:5000", "http://localhost:5000/")]
    [TestCase("[::1]:5000", "http://[::1]:5000/")]
    [TestCase("127.example.com", "https://127.example.com/")]
    [TestCase("registry.example.com:5000", "https://registry.example.com:5000/")]
    [TestCase("docker.io", "https://registry-1.docker.io/")]
    public void The_registry_API_answers_at(string registry, string api) =>
        Assert.That(RegistryHost.ApiBase(registry).ToString(), Is.EqualTo(api));
}
