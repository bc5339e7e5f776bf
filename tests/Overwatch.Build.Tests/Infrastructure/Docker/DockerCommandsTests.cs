using NUnit.Framework;
using Overwatch.Build.Infrastructure.Docker;

namespace Overwatch.Build.Tests.Infrastructure.Docker;

/// <summary>The docker CLI invocations as data: exact argument lists, and the password only on standard input.</summary>
public sealed class DockerCommandsTests
{
    private const string Password = "p@ss w0rd'$(rm -rf /)";

    [Test]
    public void Build_lists_tags_build_args_labels_cache_and_the_context_last()
    {
        var spec = DockerCommands.Build(
            "/src/docker/Dockerfile",
            "/src/docker",
            ["docker.io/rehlers/overwatch:1.2.3-py3.6.7", "docker.io/rehlers/overwatch:1.2-py3.6.7"],
            new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["BASE_IMAGE"] = "docker.io/rehlers/overwatch-base:py3.6.7", ["OVERWATCH_COMMIT"] = "0123456789abcdef0123456789abcdef01234567", ["PYTHON_VERSION"] = "3.6.7",
            },
            new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["org.opencontainers.image.revision"] = "abc", ["org.opencontainers.image.version"] = "1.2.3",
            },
            "docker.io/rehlers/overwatch:1.2-py3.6.7");

        Assert.That(spec.Program, Is.EqualTo("docker"));
        Assert.That(spec.Arguments, Is.EqualTo(new[]
        {
            "build", "--file", "/src/docker/Dockerfile",
            "--tag", "docker.io/rehlers/overwatch:1.2.3-py3.6.7",
            "--tag", "docker.io/rehlers/overwatch:1.2-py3.6.7",
            "--build-arg", "BASE_IMAGE=docker.io/rehlers/overwatch-base:py3.6.7",
            "--build-arg", "OVERWATCH_COMMIT=0123456789abcdef0123456789abcdef01234567",
            "--build-arg", "PYTHON_VERSION=3.6.7",
            "--label", "org.opencontainers.image.revision=abc",
            "--label", "org.opencontainers.image.version=1.2.3",
            "--cache-from", "docker.io/rehlers/overwatch:1.2-py3.6.7",
            "/src/docker",
        }));
        Assert.That(spec.StandardInput, Is.Null);
    }

    [Test]
    public void Build_without_cache_or_labels_has_no_such_flags()
    {
        var spec = DockerCommands.Build("Dockerfile.build", ".", ["overwatch-base:py2.7.15"],
            new Dictionary<string, string> { ["PYTHON_VERSION"] = "2.7.15" }, new Dictionary<string, string>(), null);

        Assert.That(spec.Arguments, Is.EqualTo(new[]
        {
            "build", "--file", "Dockerfile.build", "--tag", "overwatch-base:py2.7.15", "--build-arg", "PYTHON_VERSION=2.7.15", ".",
        }));
    }

    [Test]
    public void Build_writes_the_image_id_to_the_iidfile_given()
    {
        var spec = DockerCommands.Build("Dockerfile", "ctx", ["x:y"], new Dictionary<string, string>(), new Dictionary<string, string>(), null, "/tmp/iid");

        Assert.That(spec.Arguments, Is.EqualTo(new[] { "build", "--file", "Dockerfile", "--tag", "x:y", "--iidfile", "/tmp/iid", "ctx" }));
    }

    [Test]
    public void Build_under_BuildKit_prints_plain_progress_and_writes_the_inline_cache()
    {
        var spec = DockerCommands.Build("Dockerfile", "ctx", ["r/overwatch:master-py3.6.7"], new Dictionary<string, string> { ["PYTHON_VERSION"] = "3.6.7" },
            new Dictionary<string, string>(), "r/overwatch:master-py3.6.7", "/tmp/iid", plainProgress: true, inlineCache: true);

        Assert.That(spec.Arguments, Is.EqualTo(new[]
        {
            "build", "--file", "Dockerfile", "--progress=plain", "--tag", "r/overwatch:master-py3.6.7",
            "--build-arg", "PYTHON_VERSION=3.6.7", "--build-arg", "BUILDKIT_INLINE_CACHE=1",
            "--cache-from", "r/overwatch:master-py3.6.7", "--iidfile", "/tmp/iid", "ctx",
        }));
    }

    [Test]
    public void Build_arg_with_spaces_stays_one_argument_and_is_quoted_for_display()
    {
        var spec = DockerCommands.Build("Dockerfile", "ctx", ["x:y"], new Dictionary<string, string> { ["A"] = "b c" }, new Dictionary<string, string>(), null);

        Assert.That(spec.Arguments, Does.Contain("A=b c"));
        Assert.That(spec.Display, Is.EqualTo("docker build --file Dockerfile --tag x:y --build-arg 'A=b c' ctx"));
    }

    [Test]
    public void Push_pull_and_logout_name_only_the_reference_or_registry()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DockerCommands.Push("127.0.0.1:5000/overwatch:latest-py3.6.7").Arguments,
                Is.EqualTo(new[] { "push", "127.0.0.1:5000/overwatch:latest-py3.6.7" }));
            Assert.That(DockerCommands.Pull("docker.io/rehlers/overwatch-base:py3.6.7").Arguments,
                Is.EqualTo(new[] { "pull", "docker.io/rehlers/overwatch-base:py3.6.7" }));
            Assert.That(DockerCommands.Logout("docker.io").Arguments, Is.EqualTo(new[] { "logout", "docker.io" }));
            Assert.That(DockerCommands.ImageExists("x:y").Arguments, Is.EqualTo(new[] { "image", "inspect", "--format", "{{.Id}}", "x:y" }));
            Assert.That(DockerCommands.ServerVersion().Arguments, Is.EqualTo(new[] { "version", "--format", "{{.Server.Version}}" }));
        });
    }

    [Test]
    public void Login_reads_the_password_from_standard_input()
    {
        var spec = DockerCommands.Login("docker.io", "bot", Password);

        Assert.That(spec.Program, Is.EqualTo("docker"));
        Assert.That(spec.Arguments, Is.EqualTo(new[] { "login", "--username", "bot", "--password-stdin", "docker.io" }));
        Assert.That(spec.StandardInput, Is.EqualTo(Password));
        Assert.That(spec.SecretInput, Is.True);
    }

    [Test]
    public void Login_never_shows_the_password_in_arguments_or_display()
    {
        var spec = DockerCommands.Login("127.0.0.1:5000", "bot", Password);

        Assert.That(spec.Arguments, Has.None.Contains("p@ss"));
        Assert.That(spec.Display, Does.Not.Contain("p@ss"));
        Assert.That(spec.ToString(), Does.Not.Contain("p@ss"), "a record's ToString would print StandardInput");
        Assert.That(spec.Display, Is.EqualTo("docker login --username bot --password-stdin 127.0.0.1:5000"));
    }

    [Test]
    public void Commands_other_than_login_have_no_secret_input()
    {
        var specs = new[] { DockerCommands.Push("x:y"), DockerCommands.Pull("x:y"), DockerCommands.Logout("docker.io") };

        Assert.That(specs.Select(s => s.SecretInput), Is.All.False);
        Assert.That(specs.Select(s => s.StandardInput), Is.All.Null);
    }
}
