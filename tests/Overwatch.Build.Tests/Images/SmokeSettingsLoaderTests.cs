using NUnit.Framework;
using Overwatch.Build.Images;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Tests.Images;

/// <summary>The images file's <c>smoke:</c>: its defaults, paths relative to the file, and one line per mistake.</summary>
public sealed class SmokeSettingsLoaderTests
{
    private static ImagesConfig Parse(string smoke) =>
        ImagesConfigLoader.Parse(ImagesConfigLoaderTests.Valid + "\n" + smoke, "/repo/docker/images.yaml");

    [Test]
    public void Without_smoke_there_is_no_smoke_deployment()
    {
        Assert.That(ImagesConfigLoader.Parse(ImagesConfigLoaderTests.Valid, "/repo/docker/images.yaml").Smoke, Is.Null);
    }

    [Test]
    public void Smoke_gives_its_values_with_the_deploy_yaml_relative_to_the_file()
    {
        var smoke = Parse("smoke:\n  deployConfig: smoke-deploy.yaml\n  host: smoke.overwatch.local\n  path: /login\n  status: 302\n  timeLimit: 45\n").Smoke;

        Assert.That(smoke, Is.EqualTo(new SmokeSettings("/repo/docker/smoke-deploy.yaml", "smoke.overwatch.local", "/login", 302, TimeSpan.FromSeconds(45))));
    }

    [Test]
    public void Path_status_and_time_limit_have_defaults()
    {
        var smoke = Parse("smoke:\n  deployConfig: smoke-deploy.yaml\n  host: smoke.overwatch.local\n").Smoke!;

        Assert.That((smoke.Path, smoke.ExpectedStatus, smoke.TimeLimit), Is.EqualTo(("/", 200, TimeSpan.FromSeconds(120))));
    }

    [Test]
    public void The_checked_in_images_file_names_the_checked_in_smoke_deployment()
    {
        var smoke = ImagesConfigLoader.Load(System.IO.Path.Combine(Infra.RepoPaths.Root, "docker", "images.yaml")).Smoke!;

        Assert.That(File.Exists(smoke.DeployConfig), Is.True, smoke.DeployConfig);
        Assert.That(File.ReadAllText(smoke.DeployConfig), Does.Contain("${" + SmokeSettings.HttpPortVariable + "}"));
    }

    [TestCase("smoke:\n  host: a.example.org\n", "is missing 'smoke.deployConfig': add it")]
    [TestCase("smoke:\n  deployConfig: s.yaml\n", "is missing 'smoke.host': add it")]
    [TestCase("smoke:\n  deployConfig: s.yaml\n  host: a.example.org\n  status: 1000\n", "has smoke.status 1000: expected an HTTP status, e.g. 200")]
    [TestCase("smoke:\n  deployConfig: s.yaml\n  host: a.example.org\n  timeLimit: 0\n", "has smoke.timeLimit 0: expected seconds above 0, e.g. 120")]
    [TestCase("smoke:\n  deployConfig: s.yaml\n  host: a.example.org\n  path: login\n", "has smoke.path 'login': expected an absolute URL path without spaces, e.g. /")]
    [TestCase("smoke:\n  deployConfig: s.yaml\n  host: \"a b\"\n", "has smoke.host 'a b': expected a host name, e.g. smoke.overwatch.local")]
    [TestCase("smoke:\n  deployConfig: s.yaml\n  host: a.example.org\n  timeout: 5\n", "smoke.timeout")]
    [TestCase("smoke:\n  deployConfig: s.yaml\n  host: a.example.org\n  status: ok\n", "smoke.status: expected a whole number")]
    public void A_mistake_in_smoke_is_one_line_naming_the_key(string smoke, string message)
    {
        var error = Assert.Throws<UsageException>(() => Parse(smoke));

        Assert.That(error!.Message, Does.StartWith("images file '/repo/docker/images.yaml' "));
        Assert.That(error.Message, Does.Contain(message));
        Assert.That(error.Message, Does.Not.Contain("\n"));
    }
}
