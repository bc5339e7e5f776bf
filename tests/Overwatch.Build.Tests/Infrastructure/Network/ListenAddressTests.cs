using NUnit.Framework;
using Overwatch.Build.Infrastructure.Network;

namespace Overwatch.Build.Tests.Infrastructure.Network;

/// <summary>One rule for every client on this host (supervisorctl, ZEO clients, nginx, the proxy): a wildcard is reached through loopback.</summary>
public sealed class ListenAddressTests
{
    [TestCase("0.0.0.0", "127.0.0.1")]
    [TestCase("::", "127.0.0.1")]
    [TestCase("*", "127.0.0.1")]
    [TestCase("", "127.0.0.1")]
    [TestCase("127.0.0.1", "127.0.0.1")]
    [TestCase("192.0.2.10", "192.0.2.10")]
    [TestCase("localhost", "localhost")]
    public void A_client_on_this_host_connects_to(string listen, string reachable) =>
        Assert.That(ListenAddress.Reachable(listen), Is.EqualTo(reachable));

    [TestCase("127.0.0.1", true)]
    [TestCase("127.1.2.3", true)]
    [TestCase("localhost", true)]
    [TestCase("::1", true)]
    [TestCase("0.0.0.0", false)]
    [TestCase("192.0.2.10", false)]
    public void Loopback_addresses_are_reachable_from_this_host_only(string address, bool loopback) =>
        Assert.That(ListenAddress.IsLoopback(address), Is.EqualTo(loopback));
}
