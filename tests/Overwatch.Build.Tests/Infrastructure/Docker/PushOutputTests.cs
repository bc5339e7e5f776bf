using NUnit.Framework;
using Overwatch.Build.Infrastructure.Docker;

namespace Overwatch.Build.Tests.Infrastructure.Docker;

public sealed class PushOutputTests
{
    private const string Digest = "sha256:b212d87b804e9dcbe6c3d1faa42c5e582a483cc746449cc9f8a3256355378680";

    [Test]
    public void The_digest_line_of_docker_push_gives_the_digest() =>
        Assert.That(PushOutput.Digest($"The push refers to repository [127.0.0.1:5000/o/overwatch]\nb4a2d74f80ac: Layer already exists\nlatest-py3.7.1: digest: {Digest} size: 946\n"),
            Is.EqualTo(Digest));

    [TestCase("")]
    [TestCase("b4a2d74f80ac: Pushed\n")]
    [TestCase("digest: sha256:short size: 1\n")]
    public void Output_without_a_digest_line_gives_none(string output) =>
        Assert.That(PushOutput.Digest(output), Is.Null);
}
