using NUnit.Framework;
using Overwatch.Build.Images.Publish;
using Overwatch.Build.Inputs;
using static Overwatch.Build.Tests.Inputs.ArgumentSetTests;

namespace Overwatch.Build.Tests.Images.Publish;

/// <summary>Which runs need DOCKER_USERNAME and DOCKER_PASSWORD before they start (the plan's ref publishes).</summary>
public sealed class PublishCredentialsTests
{
    [TestCase("DockerBase,PublishBase", false, "the base images are due to be published but DOCKER_USERNAME or DOCKER_PASSWORD is not set")]
    [TestCase("DockerImage,SmokeTest,Push,Publish", false, "branch master is due to be published but DOCKER_USERNAME or DOCKER_PASSWORD is not set")]
    [TestCase("DockerImage,SmokeTest,Push,Publish", true, null)]
    [TestCase("Plan,DockerImage,Default", false, null)]
    [TestCase("DockerBase", false, null)]
    public void Only_a_run_due_to_publish_needs_credentials(string scheduled, bool credentials, string? missing)
    {
        var intent = RunIntent.From(scheduled.Split(','), Args(), dryRun: false);

        var line = PublishCredentials.Missing(intent, VersionMatrixTests.Plan(), credentials ? new Credentials("u", "p") : null);

        Assert.That(line, missing is null ? Is.Null : Does.StartWith(missing));
    }

    [Test]
    public void A_ref_the_tag_policy_does_not_publish_needs_none() =>
        Assert.That(PublishCredentials.Missing(RunIntent.From(["Push"], Args(), dryRun: false), VersionMatrixTests.Plan() with { Publish = false }, null), Is.Null);
}
