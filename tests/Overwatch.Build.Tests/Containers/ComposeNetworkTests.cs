using NUnit.Framework;
using Overwatch.Build.Inputs;
using Overwatch.Build.Images.Refs;
using Overwatch.Build.Containers;

namespace Overwatch.Build.Tests.Containers;

/// <summary>The seed's externalIP / nginxIP variables and their ports.</summary>
public sealed class ComposeNetworkTests
{
    [Test]
    public void Defaults_keep_overwatch_on_loopback_and_the_proxy_on_every_interface()
    {
        var network = ComposeNetwork.Read(Env());

        Assert.That(network, Is.EqualTo(new ComposeNetwork("127.0.0.1", 8080, "0.0.0.0", 80)));
        Assert.That(network.NginxReachableHost, Is.EqualTo("127.0.0.1"));
    }

    [Test]
    public void Variables_override_the_defaults()
    {
        var network = ComposeNetwork.Read(Env(("externalIP", "0.0.0.0"), ("externalPort", "9000"), ("nginxIP", "192.0.2.7"), ("nginxPort", "8081")));

        Assert.That(network, Is.EqualTo(new ComposeNetwork("0.0.0.0", 9000, "192.0.2.7", 8081)));
        Assert.That(network.UpstreamHost, Is.EqualTo("127.0.0.1"), "a wildcard is reached through loopback");
    }

    [TestCase("externalIP", "localhost", "externalIP='localhost' is not an IPv4 address")]
    [TestCase("nginxIP", "300.1.1.1", "nginxIP='300.1.1.1' is not an IPv4 address")]
    [TestCase("nginxIP", "::1", "nginxIP='::1' is not an IPv4 address")]
    [TestCase("externalPort", "0", "externalPort='0' is not a port: use 1 to 65535")]
    [TestCase("nginxPort", "http", "nginxPort='http' is not a port")]
    public void Invalid_values_name_the_variable_and_the_fix(string name, string value, string message)
    {
        var error = Assert.Throws<UsageException>(() => ComposeNetwork.Read(Env((name, value))));

        Assert.That(error!.Message, Does.Contain(message));
    }

    private static EnvironmentVariables Env(params (string Name, string Value)[] values) =>
        new(values.ToDictionary(v => v.Name, v => (string?)v.Value));
}
