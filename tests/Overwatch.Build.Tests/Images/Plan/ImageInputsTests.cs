using NUnit.Framework;
using Overwatch.Build.Images.Plan;
using Overwatch.Build.Images.Refs;
using Overwatch.Build.Inputs;
using Overwatch.Build.Tests.Images.Refs;
using Overwatch.Build.Tests.Images;
using Overwatch.Build.Tests.Infra;
using static Overwatch.Build.Tests.Inputs.ArgumentSetTests;

namespace Overwatch.Build.Tests.Images.Plan;

/// <summary>The images file with argument overrides applied, the ref, the credentials and the clock, read in one place.</summary>
public sealed class ImageInputsTests
{
    private static readonly DateTimeOffset Now = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly FakeLocalGit Checkout = new(branch: "develop");
    private TempDirectory root = null!;

    [SetUp]
    public void CreateRootWithImagesFile()
    {
        root = new TempDirectory("owb-inputs");
        Directory.CreateDirectory(root.Combine("docker"));
        ImagesConfigLoaderTests.WriteWithDockerfiles(root.Combine("docker", "images.yaml"));
    }

    [TearDown]
    public void RemoveRoot() => root.Dispose();

    [Test]
    public void Without_arguments_the_checked_in_defaults_and_local_branch_are_used()
    {
        var inputs = Read(Args());

        Assert.That(inputs.Images.Registry, Is.EqualTo("docker.io"));
        Assert.That(inputs.Images.Namespace, Is.EqualTo("rehlers"));
        Assert.That(inputs.Images.PythonVersions.Select(v => v.ToString()), Is.EqualTo(new[] { "2.7.15", "3.6.7", "3.7.1" }));
        Assert.That(inputs.Source.Ref, Is.EqualTo(GitRef.ForBranch("develop", RefSource.Git)));
        Assert.That(inputs.Credentials, Is.Null);
        Assert.That(inputs.Created, Is.EqualTo(Now), "without a commit time the clock is used");
    }

    [Test]
    public void Repeated_python_version_replaces_the_list_in_order_without_duplicates()
    {
        var inputs = Read(Args("--python-version=3.7.1", "--python-version=2.7.15", "--python-version=3.7.1"));

        Assert.That(inputs.Images.PythonVersions.Select(v => v.ToString()), Is.EqualTo(new[] { "3.7.1", "2.7.15" }));
    }

    [TestCase("3.6")]
    [TestCase("3.6.7.1")]
    [TestCase("py3.6.7")]
    [TestCase("03.6.7")]
    public void Malformed_python_version_argument_is_a_usage_error(string version)
    {
        var error = Assert.Throws<UsageException>(() => Read(Args("--python-version=3.7.1", $"--python-version={version}")));

        Assert.That(error!.Message, Is.EqualTo($"invalid Python version '{version}' in --python-version: expected X.Y.Z, e.g. 3.6.7"));
    }

    [TestCase("--registry=127.0.0.1:5000", "127.0.0.1:5000", "rehlers")]
    [TestCase("--image-namespace=other", "docker.io", "other")]
    [TestCase("--image-namespace=a,--image-namespace=a", "docker.io", "a")]
    public void Registry_and_namespace_arguments_override_the_file(string arguments, string registry, string ns)
    {
        var inputs = Read(Args(arguments.Split(',')));

        Assert.That(inputs.Images.Registry, Is.EqualTo(registry));
        Assert.That(inputs.Images.Namespace, Is.EqualTo(ns));
    }

    [TestCase("--registry=http://127.0.0.1:5000", "invalid registry 'http://127.0.0.1:5000' in --registry")]
    [TestCase("--registry", "--registry needs a value: --registry=VALUE")]
    [TestCase("--image-namespace=Rehlers", "invalid image namespace 'Rehlers' in --image-namespace: expected lowercase")]
    [TestCase("--image-namespace=re/", "invalid image namespace 're/' in --image-namespace")]
    [TestCase("--image-namespace", "--image-namespace needs a value")]
    [TestCase("--python-version", "--python-version needs a value")]
    [TestCase("--branch", "--branch needs a value")]
    [TestCase("--images-config", "--images-config needs a value")]
    [TestCase("--python-verison=3.6.7", "unknown argument --python-verison")]
    [TestCase("--image-namespace=a,--image-namespace=b", "--image-namespace is given 2 different values ('a', 'b'): give it once")]
    [TestCase("--branch=master,--branch=develop", "--branch is given 2 different values")]
    [TestCase("--registry=127.0.0.1:99999", "invalid registry '127.0.0.1:99999' in --registry: port 99999 is outside 1-65535")]
    public void Invalid_argument_is_a_usage_error_naming_it(string argument, string message)
    {
        var error = Assert.Throws<UsageException>(() => Read(Args(argument.Split(','))));

        Assert.That(error!.Message, Does.StartWith(message));
    }

    [Test]
    public void Images_config_argument_is_relative_to_the_root()
    {
        ImagesConfigLoaderTests.WriteWithDockerfiles(root.Combine("other.yaml"), ImagesConfigLoaderTests.Valid.Replace("registry: docker.io", "registry: ghcr.io"));

        var inputs = Read(Args("--images-config=other.yaml"));

        Assert.That(inputs.Images.Registry, Is.EqualTo("ghcr.io"));
        Assert.That(inputs.Images.App.Dockerfile, Is.EqualTo(root.Combine("Dockerfile")));
    }

    [Test]
    public void Missing_images_config_names_the_full_path_and_the_argument()
    {
        var error = Assert.Throws<UsageException>(() => Read(Args("--images-config=missing.yaml")));

        Assert.That(error!.Message, Does.Contain(root.Combine("missing.yaml")).And.Contain("--images-config=PATH"));
    }

    [Test]
    public void No_python_versions_anywhere_is_a_usage_error()
    {
        ImagesConfigLoaderTests.WriteWithDockerfiles(root.Combine("docker", "images.yaml"), ImagesConfigLoaderTests.Valid.Replace("[2.7.15, 3.6.7, 3.7.1]", "[]"));

        var error = Assert.Throws<UsageException>(() => Read(Args()));

        Assert.That(error!.Message, Does.Contain("no Python versions").And.Contain("--python-version=X.Y.Z"));
    }

    [Test]
    public void Branch_argument_wins_over_the_ci_environment()
    {
        var inputs = Read(Args("--branch=feature/x-docker"), CiEnvironment.Of("travis_tag"));

        Assert.That(inputs.Source.Ref, Is.EqualTo(GitRef.ForBranch("feature/x-docker", RefSource.Arguments)));
    }

    [Test]
    public void Credentials_come_from_the_environment_and_never_show_the_password()
    {
        var env = new EnvironmentVariables(new Dictionary<string, string?> { ["DOCKER_USERNAME"] = "bot", ["DOCKER_PASSWORD"] = "s3cret" });

        var inputs = Read(Args(), env);

        Assert.That(inputs.Credentials, Is.EqualTo(new Credentials("bot", "s3cret")));
        Assert.That(inputs.Credentials!.ToString(), Does.Not.Contain("s3cret"));
    }

    [TestCase("bot", null)]
    [TestCase(null, "s3cret")]
    [TestCase("bot", "")]
    public void Incomplete_credentials_are_none(string? user, string? password)
    {
        var env = new EnvironmentVariables(new Dictionary<string, string?> { ["DOCKER_USERNAME"] = user, ["DOCKER_PASSWORD"] = password });

        var inputs = Read(Args(), env);

        Assert.That(inputs.Credentials, Is.Null);
    }

    [Test]
    public void Creation_time_is_the_commit_time_so_rebuilds_of_one_commit_share_labels()
    {
        var committed = new DateTimeOffset(2023, 5, 6, 7, 8, 9, TimeSpan.Zero);

        var inputs = ImageInputs.Read(Args(), CiEnvironment.None, new FakeLocalGit(branch: "develop", committed: committed), root.Path, Now);

        Assert.That(inputs.Created, Is.EqualTo(committed));
    }

    [Test]
    public void Source_date_epoch_overrides_the_commit_time()
    {
        var env = new EnvironmentVariables(new Dictionary<string, string?> { ["SOURCE_DATE_EPOCH"] = "1700000000" });

        var inputs = ImageInputs.Read(Args(), env, new FakeLocalGit(branch: "develop", committed: Now), root.Path, Now);

        Assert.That(inputs.Created, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(1700000000)));
    }

    [Test]
    [TestCase("yesterday")]
    [TestCase("-1")]
    [TestCase("99999999999999")]
    [TestCase("1e9")]
    public void Source_date_epoch_that_is_not_a_number_of_seconds_in_range_is_refused(string epoch)
    {
        var env = new EnvironmentVariables(new Dictionary<string, string?> { ["SOURCE_DATE_EPOCH"] = epoch });

        var error = Assert.Throws<UsageException>(() => Read(Args(), env));

        Assert.That(error!.Message, Does.Contain($"SOURCE_DATE_EPOCH '{epoch}' is not a number of seconds since 1970 up to 253402300799")
            .And.Contain("git log -1 --format=%ct"));
    }

    private ImageInputs Read(ArgumentSet arguments, EnvironmentVariables? env = null) =>
        ImageInputs.Read(arguments, env ?? CiEnvironment.None, Checkout, root.Path, Now);
}
