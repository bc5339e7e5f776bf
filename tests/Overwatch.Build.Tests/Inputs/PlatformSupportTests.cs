using NUnit.Framework;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Tests.Inputs;

/// <summary>Windows specifics that cannot run here: the targets refused there, each in one line with the way out.</summary>
public sealed class PlatformSupportTests
{
    [TestCase("RenderConfig", "RenderConfig cannot run on Windows: it writes secret files with Unix modes (0600)")]
    [TestCase("Compose", "Compose cannot run on Windows: it renders the deployment with Unix file modes")]
    [TestCase("SupervisorUpdate", "SupervisorUpdate cannot run on Windows: supervisor runs on Linux and macOS only")]
    [TestCase("SmokeTest", "SmokeTest cannot run on Windows: it hands the rendered smoke deployment to the image's user with chown")]
    public void Unix_only_targets_are_refused_on_windows_with_the_way_out(string target, string message)
    {
        var error = Assert.Throws<UsageException>(() => PlatformSupport.Check(["Plan", target], isWindows: true));

        Assert.That(error!.Message, Does.StartWith(message).And.Contain("run it in WSL or a Linux container"));
    }

    [TestCase("Plan")]
    [TestCase("DockerImage")]
    [TestCase("Push")]
    [TestCase("Shell")]
    public void Image_targets_run_on_windows(string target) =>
        Assert.DoesNotThrow(() => PlatformSupport.Check([target], isWindows: true));

    [Test]
    public void Nothing_is_refused_elsewhere() =>
        Assert.DoesNotThrow(() => PlatformSupport.Check(PlatformSupport.UnixOnly.Keys, isWindows: false));

    [Test]
    public void Every_unix_only_target_is_a_target() =>
        Assert.That(PlatformSupport.UnixOnly.Keys, Is.SubsetOf(TargetNames.All));
}
