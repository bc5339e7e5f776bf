using NUnit.Framework;
using Overwatch.Build.Infrastructure.Docker;

namespace Overwatch.Build.Tests.Infrastructure.Docker;

public sealed class RegistryReferenceTests
{
    [TestCase("127.0.0.1:5000", "127.0.0.1:5000/ns/overwatch:master-py3.6.7", "ns/overwatch", "master-py3.6.7")]
    [TestCase("docker.io", "docker.io/rehlers/overwatch:latest-py2.7.15", "rehlers/overwatch", "latest-py2.7.15")]
    [TestCase("docker.io", "docker.io/busybox:1.36", "library/busybox", "1.36")]
    [TestCase("registry.example.com", "registry.example.com/a/b/c:v1", "a/b/c", "v1")]
    public void A_tag_reference_names_its_repository_and_tag(string registry, string reference, string repository, string tag) =>
        Assert.That(RegistryReference.Parse(registry, reference), Is.EqualTo(new RegistryReference(repository, tag)));

    [TestCase("127.0.0.1:5000", "127.0.0.1:5001/ns/overwatch:v1")]
    [TestCase("127.0.0.1:5000", "127.0.0.1:5000/ns/overwatch")]
    [TestCase("127.0.0.1:5000", "127.0.0.1:5000/ns/overwatch:")]
    [TestCase("127.0.0.1:5000", "127.0.0.1:5000/ns/overwatch@sha256:0123")]
    [TestCase("registry.example.com", "registry.example.com:5000/ns/overwatch:v1")]
    public void A_reference_that_is_not_a_tag_in_the_registry_is_null(string registry, string reference) =>
        Assert.That(RegistryReference.Parse(registry, reference), Is.Null);
}
