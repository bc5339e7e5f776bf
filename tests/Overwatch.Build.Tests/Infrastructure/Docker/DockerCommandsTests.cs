using NUnit.Framework;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Infrastructure.Processes;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Infrastructure.Docker;

/// <summary>
/// What each docker command asks docker for, checked against docker's CLI reference rather than an argument list:
/// which image is tagged, which options are passed, where the password goes. DockerCommandsDaemonTests runs a build for real.
/// </summary>
public sealed class DockerCommandsTests
{
    private const string Password = "p@ss w0rd'$(rm -rf /)";
    private static readonly string[] References = ["docker.io/rehlers/overwatch:1.2.3-py3.6.7", "docker.io/rehlers/overwatch:1.2-py3.6.7"];

    private static ProcessSpec Build(string? cacheFrom = null, string? imageIdFile = null, bool plainProgress = false, bool inlineCache = false) =>
        DockerCommands.Build("/src/docker/Dockerfile", "/src/docker", References,
            new Dictionary<string, string> { ["PYTHON_VERSION"] = "3.6.7", ["GREETING"] = "hello world" },
            new Dictionary<string, string> { ["org.opencontainers.image.version"] = "1.2.3" },
            cacheFrom, imageIdFile, plainProgress, inlineCache);

    [Test]
    public void A_build_builds_the_dockerfile_given_in_the_context_given()
    {
        var spec = Build();

        Assert.That((spec.Program, spec.Arguments[0]), Is.EqualTo(("docker", "build")));
        Assert.That(spec.ValuesOf("--file"), Is.EqualTo(new[] { "/src/docker/Dockerfile" }));
        Assert.That(spec.Arguments[^1], Is.EqualTo("/src/docker"), "the context is docker build's one operand, after every option");
    }

    [Test]
    public void Every_reference_becomes_a_tag_of_the_image_built()
    {
        Assert.That(Build().ValuesOf("--tag"), Is.EqualTo(References));
    }

    [Test]
    public void Build_args_and_labels_are_NAME_equals_VALUE_one_argument_each_even_with_a_space()
    {
        var spec = Build();

        Assert.That(spec.ValuesOf("--build-arg"), Is.EquivalentTo(new[] { "PYTHON_VERSION=3.6.7", "GREETING=hello world" }));
        Assert.That(spec.ValuesOf("--label"), Is.EqualTo(new[] { "org.opencontainers.image.version=1.2.3" }));
        Assert.That(spec.Display, Does.Contain(" --build-arg 'GREETING=hello world' "), "shown quoted, so it can be pasted into a shell");
    }

    /// <summary>Each option of a build adds its own flag, and nothing else does: 16 combinations.</summary>
    [Test, Combinatorial]
    public void Each_build_option_adds_its_flag_and_only_its_flag(
        [Values] bool cacheFrom, [Values] bool imageIdFile, [Values] bool plainProgress, [Values] bool inlineCache)
    {
        var spec = Build(cacheFrom ? "docker.io/rehlers/overwatch:1.2-py3.6.7" : null, imageIdFile ? "/tmp/iid" : null, plainProgress, inlineCache);

        Assert.Multiple(() =>
        {
            Assert.That(spec.ValuesOf("--cache-from"), Is.EqualTo(cacheFrom ? new[] { "docker.io/rehlers/overwatch:1.2-py3.6.7" } : Array.Empty<string>()));
            Assert.That(spec.ValuesOf("--iidfile"), Is.EqualTo(imageIdFile ? new[] { "/tmp/iid" } : Array.Empty<string>()));
            Assert.That(spec.Has("--progress=plain"), Is.EqualTo(plainProgress));
            Assert.That(spec.ValuesOf("--build-arg").Contains("BUILDKIT_INLINE_CACHE=1"), Is.EqualTo(inlineCache));
            Assert.That(spec.Arguments[^1], Is.EqualTo("/src/docker"));
        });
    }

    [Test]
    public void Login_passes_the_password_on_standard_input_only_marked_secret()
    {
        var spec = DockerCommands.Login("127.0.0.1:5000", "bot", Password);

        Assert.That(spec.Has("--password-stdin"), Is.True);
        Assert.That(spec.ValuesOf("--username"), Is.EqualTo(new[] { "bot" }));
        Assert.That(spec.Arguments[^1], Is.EqualTo("127.0.0.1:5000"));
        Assert.That((spec.StandardInput, spec.SecretInput), Is.EqualTo((Password, true)));
    }

    [Test]
    public void Login_never_shows_the_password_in_arguments_display_or_ToString()
    {
        var spec = DockerCommands.Login("127.0.0.1:5000", "bot", Password);

        Assert.That(spec.Arguments, Has.None.Contains("p@ss"));
        Assert.That(spec.Display, Does.Not.Contain("p@ss"));
        Assert.That(spec.ToString(), Does.Not.Contain("p@ss"), "a record's ToString would print StandardInput");
    }

    private static IEnumerable<TestCaseData> OtherCommands()
    {
        TestCaseData Row(string name, ProcessSpec spec, string verb, string operand) => new TestCaseData(spec, verb, operand).SetArgDisplayNames(name);
        yield return Row("push", DockerCommands.Push("127.0.0.1:5000/overwatch:latest-py3.6.7"), "push", "127.0.0.1:5000/overwatch:latest-py3.6.7");
        yield return Row("pull", DockerCommands.Pull("docker.io/rehlers/overwatch-base:py3.6.7"), "pull", "docker.io/rehlers/overwatch-base:py3.6.7");
        yield return Row("tag", DockerCommands.Tag("overwatch:local", "127.0.0.1:5000/overwatch:latest-py3.6.7"), "tag", "127.0.0.1:5000/overwatch:latest-py3.6.7");
        yield return Row("logout", DockerCommands.Logout("docker.io"), "logout", "docker.io");
        yield return Row("image exists", DockerCommands.ImageExists("overwatch:local"), "image", "overwatch:local");
        yield return Row("manifest", DockerCommands.ManifestInspect("127.0.0.1:5000/overwatch:latest-py3.6.7", insecure: true), "manifest", "127.0.0.1:5000/overwatch:latest-py3.6.7");
        yield return Row("remove", DockerCommands.RemoveContainer("overwatch-smoke-py3.6.7-1a2b3c4d"), "rm", "overwatch-smoke-py3.6.7-1a2b3c4d");
        yield return Row("state", DockerCommands.ContainerState("overwatch-1"), "inspect", "overwatch-1");
    }

    [TestCaseSource(nameof(OtherCommands))]
    public void Other_commands_name_their_object_last_and_carry_no_standard_input(ProcessSpec spec, string verb, string operand)
    {
        Assert.That((spec.Program, spec.Arguments[0], spec.Arguments[^1]), Is.EqualTo(("docker", verb, operand)));
        Assert.That((spec.StandardInput, spec.StandardInputBytes, spec.SecretInput), Is.EqualTo(((string?)null, (byte[]?)null, false)));
    }

    [TestCase(true, true)]
    [TestCase(false, false)]
    public void A_manifest_is_read_over_plain_HTTP_only_from_an_insecure_registry(bool insecure, bool flag)
    {
        var spec = DockerCommands.ManifestInspect("127.0.0.1:5000/overwatch:latest-py3.6.7", insecure);

        Assert.That(spec.Has("--insecure"), Is.EqualTo(flag));
        Assert.That(spec.Has("--verbose"), Is.True, "--verbose gives the config digest, the image ID the manifest was pushed from");
    }

    [Test]
    public void A_force_remove_succeeds_when_the_container_is_already_gone()
    {
        Assert.That(DockerCommands.RemoveContainer("overwatch-1").Has("--force"), Is.True);
    }
}
