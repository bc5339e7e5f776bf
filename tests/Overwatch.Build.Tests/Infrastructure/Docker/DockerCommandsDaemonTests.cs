using NUnit.Framework;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Infrastructure.Processes;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Infrastructure.Docker;

/// <summary>
/// What the docker commands do to the test run's engine: a build of an empty (FROM scratch) image carries every tag,
/// label and build argument it was given, and the ID written is the one tagged. About a second of daemon time.
/// </summary>
[TestFixture, Category("EndToEnd")]
public sealed class DockerCommandsDaemonTests
{
    [OneTimeSetUp]
    public void RequireDaemon() => DockerDaemon.Require();

    private static CommandResult Run(ProcessSpec spec) => Shell.Run(spec.Program, spec.Arguments, TestEngine.Current.Variables);

    [Test]
    public void A_build_gives_the_image_every_tag_label_and_build_argument_and_writes_its_id()
    {
        using var directory = new TempDirectory("owb-dockercommands");
        File.WriteAllText(directory.Combine("Dockerfile"), "FROM scratch\nARG GREETING\nLABEL greeting=\"$GREETING\"\n");
        var repository = $"owb-dockercommands-{Guid.NewGuid():N}";
        string[] tags = [$"{repository}:1.2.3", $"{repository}:1.2"];
        var retagged = $"{repository}:retagged";
        try
        {
            var built = Run(DockerCommands.Build(directory.Combine("Dockerfile"), directory.Path, tags,
                new Dictionary<string, string> { ["GREETING"] = "hello world" },
                new Dictionary<string, string> { ["org.opencontainers.image.version"] = "1.2.3" },
                cacheFrom: null, imageIdFile: directory.Combine("iid")));
            Assert.That(built.ExitCode, Is.EqualTo(0), built.StandardError);

            var id = File.ReadAllText(directory.Combine("iid")).Trim();
            foreach (var tag in tags)
                Assert.That(Run(DockerCommands.InspectImages([tag], "{{.Id}} {{index .Config.Labels \"greeting\"}}|{{index .Config.Labels \"org.opencontainers.image.version\"}}")).StandardOutput.Trim(),
                    Is.EqualTo($"{id} hello world|1.2.3"));

            Assert.That(Run(DockerCommands.Tag(tags[0], retagged)).ExitCode, Is.EqualTo(0));
            Assert.That(Run(DockerCommands.ImageExists(retagged)).StandardOutput.Trim(), Is.EqualTo(id));
            Assert.That(Run(DockerCommands.ImageExists($"{repository}:never-built")).ExitCode, Is.Not.EqualTo(0));
        }
        finally
        {
            Shell.Run("docker", ["rmi", "--force", .. tags, retagged], TestEngine.Current.Variables);
        }
    }

    [Test]
    public void The_server_version_is_the_daemons()
    {
        var version = Run(DockerCommands.ServerVersion());

        Assert.That(version.StandardOutput.Trim(), Does.Match(@"^\d+\.\d+\.\d+"), version.StandardError);
    }
}
