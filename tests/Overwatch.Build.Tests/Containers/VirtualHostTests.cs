using NUnit.Framework;
using Overwatch.Build.Inputs;
using Overwatch.Build.Containers;

namespace Overwatch.Build.Tests.Containers;

/// <summary>The host name goes into the compose file and an nginx server_name: nothing else may get in.</summary>
public sealed class VirtualHostTests
{
    [TestCase("dev.aliceoverwatch.physics.yale.edu")]
    [TestCase("localhost")]
    [TestCase("a.example.org,b.example.org")]
    [TestCase("*.example.org")]
    public void Host_names_are_accepted(string value) => Assert.That(VirtualHost.Parse(value), Is.EqualTo(value));

    [TestCase("dev.example.org; return 200")]
    [TestCase("dev.example.org\nserver_name evil")]
    [TestCase("http://dev.example.org")]
    [TestCase("-bad.example.org")]
    public void Anything_else_is_refused_with_an_example(string value)
    {
        var error = Assert.Throws<UsageException>(() => VirtualHost.Parse(value));

        Assert.That(error!.Message, Does.Contain("is not a host name").And.Contain("--virtual-host=dev.aliceoverwatch.physics.yale.edu"));
    }
}
