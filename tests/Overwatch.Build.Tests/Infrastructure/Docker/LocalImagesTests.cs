using NUnit.Framework;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Infrastructure.Processes;

namespace Overwatch.Build.Tests.Infrastructure.Docker;

/// <summary>
/// One `docker image inspect` of several references: the images found (stdout, in the order asked) and the
/// missing ones (stderr) are matched back to the references; any other failure is the daemon's.
/// </summary>
public sealed class LocalImagesTests
{
    private const string IdA = "sha256:938efc7d8eaa357ab9bc59e9fda425c41b9f0e7c103e98ee7a512fa78c561ade";
    private const string IdB = "sha256:bf020f52602c34707e675d36e435852f896fba9e9eaf799ac163a8ecb7d155d4";

    [Test]
    public void Found_and_missing_references_are_matched_in_the_order_asked()
    {
        // What docker 28 printed against dockerd 20.10 for `inspect a:1 nope:1 b:2`.
        var result = new ProcessResult(1,
            [$"{IdA} {{\"org.overwatch-build.inputs\":\"0123\"}}", $"{IdB} null", "Error response from daemon: no such image: nope:1: No such image: nope:1"],
            $"{IdA} {{\"org.overwatch-build.inputs\":\"0123\"}}\n{IdB} null\n");

        var images = LocalImages.Read(["a:1", "nope:1", "b:2"], result)!;

        Assert.That(images["a:1"], Is.Not.Null);
        Assert.That(images["a:1"]!.Id, Is.EqualTo(IdA));
        Assert.That(images["a:1"]!.Labels, Is.EqualTo(new Dictionary<string, string> { ["org.overwatch-build.inputs"] = "0123" }));
        Assert.That(images["nope:1"], Is.Null);
        Assert.That(images["b:2"]!.Id, Is.EqualTo(IdB));
        Assert.That(images["b:2"]!.Labels, Is.Empty);
    }

    [Test]
    public void All_missing_is_no_failure()
    {
        var result = new ProcessResult(1, ["Error: No such image: x:1", "Error: No such image: y:2"], "");

        Assert.That(LocalImages.Read(["x:1", "y:2"], result), Is.EqualTo(new Dictionary<string, LocalImage?> { ["x:1"] = null, ["y:2"] = null }));
    }

    [TestCase("Cannot connect to the Docker daemon at unix:///nowhere/docker.sock. Is the docker daemon running?")]
    [TestCase("error during connect: Get \"http://docker.example:2375/v1.41/images/x:1/json\": dial tcp: lookup docker.example: no such host")]
    public void Any_other_failure_is_the_daemons(string line) =>
        Assert.That(LocalImages.Read(["x:1"], new ProcessResult(1, [line], "")), Is.Null);

    [Test]
    public void Lines_that_cannot_be_matched_to_the_references_say_nothing()
    {
        // Two images printed for three references of which none is reported missing: which is which is unknown.
        var result = new ProcessResult(0, [], $"{IdA} null\n{IdB} null\n");

        Assert.That(LocalImages.Read(["a:1", "b:2", "c:3"], result), Is.Empty);
    }
}
