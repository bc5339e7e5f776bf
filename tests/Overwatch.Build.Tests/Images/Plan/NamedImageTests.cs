using NUnit.Framework;
using Overwatch.Build.Images;
using Overwatch.Build.Inputs;
using Overwatch.Build.Images.Plan;
using static Overwatch.Build.Tests.Inputs.ArgumentSetTests;

namespace Overwatch.Build.Tests.Images.Plan;

/// <summary>--image: which targets take it, and which references it accepts.</summary>
public sealed class NamedImageTests
{
    [TestCase("Shell")]
    [TestCase("Compose")]
    [TestCase("SmokeTest")]
    public void The_targets_that_run_an_image_take_it(string target) =>
        Assert.That(NamedImage.Read(Args("--image=overwatch-kit:latest"), target), Is.EqualTo("overwatch-kit:latest"));

    [Test]
    public void Without_it_the_planned_reference_is_used() => Assert.That(NamedImage.Read(Args(), "SmokeTest"), Is.Null);

    // Publish would smoke-test the named image, then push the planned ones: never.
    [TestCase("Publish")]
    [TestCase("Push")]
    [TestCase("DockerImage")]
    [TestCase("Default")]
    public void A_target_that_builds_or_pushes_refuses_it_in_one_line(string target)
    {
        var error = Assert.Throws<UsageException>(() => NamedImage.Read(Args("--image=overwatch-kit:latest"), target));

        Assert.That(error!.Message, Is.EqualTo($"--image applies to Shell, Compose, SmokeTest, not to {target}, which builds or pushes the planned images: " +
            "drop --image, or use --target=SmokeTest to smoke-test overwatch-kit:latest"));
    }

    [TestCase("overwatch-kit")]
    [TestCase("overwatch-kit:latest")]
    [TestCase("127.0.0.1:5000/ns/overwatch:master-py3.6.7")]
    [TestCase("docker.io/rehlers/overwatch:latest-py3.6.7")]
    [TestCase("rehlers/overwatch@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [TestCase("4be1c0a2d9f3")]
    public void Image_references_docker_takes_are_accepted(string reference) =>
        Assert.That(ImageNames.Reference(reference, "--image"), Is.EqualTo(reference));

    [TestCase("--rm")]
    [TestCase("Overwatch:latest")]
    [TestCase("overwatch:la test")]
    [TestCase("overwatch:")]
    [TestCase("overwatch@sha256:short")]
    public void Anything_else_is_one_line_saying_what_is_valid(string reference)
    {
        var error = Assert.Throws<UsageException>(() => ImageNames.Reference(reference, "--image"));

        Assert.That(error!.Message, Does.StartWith($"invalid image reference '{reference}' in --image: expected e.g. overwatch:latest-py3.6.7"));
    }
}
