using NUnit.Framework;
using Overwatch.Build.Infrastructure.Docker;

namespace Overwatch.Build.Tests.Infrastructure.Docker;

/// <summary>Which builder a plain `docker build` uses, decided as the docker CLI decides it.</summary>
public sealed class BuilderTests
{
    [TestCase(null, true, "28.2.2", "linux", true, TestName = "CLI 28 with buildx: BuildKit (GitHub's runners)")]
    [TestCase(null, false, "28.2.2", "linux", false, TestName = "CLI 28 without buildx: legacy, as docker falls back")]
    [TestCase(null, true, "20.10.24", "linux", false, TestName = "CLI 20.10 with buildx installed: legacy (BuildKit opt-in)")]
    [TestCase(null, true, "28.2.2", "windows", false, TestName = "a Windows engine: legacy")]
    [TestCase("0", true, "28.2.2", "linux", false, TestName = "DOCKER_BUILDKIT=0: legacy")]
    [TestCase("false", true, "28.2.2", "linux", false, TestName = "DOCKER_BUILDKIT=false: legacy")]
    [TestCase("1", false, "20.10.24", "linux", true, TestName = "DOCKER_BUILDKIT=1 on CLI 20.10: BuildKit")]
    [TestCase("true", true, "28.2.2", "linux", true, TestName = "DOCKER_BUILDKIT=true: BuildKit")]
    [TestCase("", true, "26.1.5", "linux", true, TestName = "DOCKER_BUILDKIT empty counts as unset")]
    public void Decides_as_the_CLI_does(string? dockerBuildkit, bool buildx, string client, string os, bool buildKit) =>
        Assert.That(Builder.Decide(dockerBuildkit, buildx, new DockerVersions(client, "26.1.5", os)).BuildKit, Is.EqualTo(buildKit));

    [Test]
    public void The_log_line_says_the_builder_and_what_decided_it()
    {
        Assert.That(Builder.Decide(null, true, new DockerVersions("28.2.2", "26.1.5+dfsg1", "linux")).Line,
            Is.EqualTo("builder: BuildKit (docker 28.2.2 with buildx, Engine 26.1.5+dfsg1 on linux)"));
        Assert.That(Builder.Decide("0", true, new DockerVersions("28.2.2", "20.10.24+dfsg1", "linux")).Line,
            Is.EqualTo("builder: legacy (DOCKER_BUILDKIT=0; Engine 20.10.24+dfsg1 on linux)"));
    }

    [Test]
    public void A_DOCKER_BUILDKIT_that_is_not_a_boolean_is_one_line_naming_it_and_the_fix()
    {
        var error = Assert.Throws<DockerException>(() => Builder.Decide("yes", true, new DockerVersions("28.2.2", "26.1.5", "linux")))!;

        Assert.That(error.Message, Is.EqualTo("DOCKER_BUILDKIT=yes is not a boolean: set it to 1 (BuildKit) or 0 (legacy builder), or unset it to let docker choose"));
    }

    [TestCase("28.2.2 26.1.5+dfsg1 linux\n", "28.2.2", "26.1.5+dfsg1", "linux")]
    [TestCase("20.10.24+dfsg1 20.10.24+dfsg1 linux", "20.10.24+dfsg1", "20.10.24+dfsg1", "linux")]
    public void Versions_are_read_from_docker_version(string output, string client, string server, string os) =>
        Assert.That(DockerVersions.Parse(output), Is.EqualTo(new DockerVersions(client, server, os)));

    [TestCase("")]
    [TestCase("28.2.2  linux")]
    public void Versions_missing_a_field_are_not_read(string output) => Assert.That(DockerVersions.Parse(output), Is.Null);
}
