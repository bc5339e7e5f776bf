using NUnit.Framework;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Infrastructure.Docker;

/// <summary>A temporary login keeps the user's engine (current context, TLS certificates) and nothing else of theirs.</summary>
public sealed class DockerClientConfigTests
{
    [TestCase(null, """{"cliPluginsExtraDirs":["/home/u/.docker/cli-plugins"]}""")]
    [TestCase("", """{"cliPluginsExtraDirs":["/home/u/.docker/cli-plugins"]}""")]
    [TestCase("not json", """{"cliPluginsExtraDirs":["/home/u/.docker/cli-plugins"]}""")]
    [TestCase("[]", """{"cliPluginsExtraDirs":["/home/u/.docker/cli-plugins"]}""")]
    [TestCase("""{"auths":{"r":{"auth":"c2VjcmV0"}},"credsStore":"pass","credHelpers":{"r":"pass"}}""", """{"cliPluginsExtraDirs":["/home/u/.docker/cli-plugins"]}""")]
    [TestCase("""{"currentContext":"remote","auths":{"r":{"auth":"c2VjcmV0"}},"credsStore":"pass"}""",
        """{"currentContext":"remote","cliPluginsExtraDirs":["/home/u/.docker/cli-plugins"]}""")]
    [TestCase("""{"currentContext":""}""", """{"cliPluginsExtraDirs":["/home/u/.docker/cli-plugins"]}""")]
    [TestCase("""{"currentContext":7}""", """{"cliPluginsExtraDirs":["/home/u/.docker/cli-plugins"]}""")]
    [TestCase("""{"cliPluginsExtraDirs":["/opt/plugins"],"aliases":{"builder":"buildx"},"proxies":{"default":{"httpProxy":"http://proxy:3128"}}}""",
        """{"aliases":{"builder":"buildx"},"proxies":{"default":{"httpProxy":"http://proxy:3128"}},"cliPluginsExtraDirs":["/opt/plugins","/home/u/.docker/cli-plugins"]}""")]
    public void Temporary_config_keeps_the_context_plugins_aliases_and_proxies_and_no_credentials(string? user, string expected) =>
        Assert.That(DockerClientConfig.TemporaryConfigJson(user, "/home/u/.docker"), Is.EqualTo(expected));

    [Test]
    public void Commands_with_the_temporary_config_find_the_users_certificates()
    {
        var env = DockerClientConfig.Environment("/tmp/session", new Dictionary<string, string?> { ["DOCKER_CONFIG"] = "/home/u/.docker-ci" });

        Assert.That(env["DOCKER_CONFIG"], Is.EqualTo("/tmp/session"));
        Assert.That(env["DOCKER_CERT_PATH"], Is.EqualTo("/home/u/.docker-ci"));
    }

    [Test]
    public void A_given_certificate_path_is_left_alone()
    {
        var env = DockerClientConfig.Environment("/tmp/session", new Dictionary<string, string?> { ["DOCKER_CERT_PATH"] = "/certs" });

        Assert.That(env.ContainsKey("DOCKER_CERT_PATH"), Is.False);
    }

    [Test]
    public void Prepared_directory_links_the_contexts_and_removing_it_leaves_them()
    {
        using var user = new TempDirectory("owb-user-docker");
        using var session = new TempDirectory("owb-session");
        Directory.CreateDirectory(user.Combine("contexts", "meta", "abc"));
        File.WriteAllText(user.Combine("contexts", "meta", "abc", "meta.json"), "{}");
        File.WriteAllText(user.Combine("config.json"), """{"currentContext":"remote","auths":{"r":{"auth":"c2VjcmV0"}}}""");

        DockerClientConfig.Prepare(session.Path, new Dictionary<string, string?> { ["DOCKER_CONFIG"] = user.Path });

        Assert.That(File.ReadAllText(session.Combine("config.json")), Does.StartWith("""{"currentContext":"remote","""));
        Assert.That(File.Exists(session.Combine("contexts", "meta", "abc", "meta.json")), Is.True);
        Directory.Delete(session.Path, recursive: true);
        Assert.That(File.Exists(user.Combine("contexts", "meta", "abc", "meta.json")), Is.True, "the user's contexts survive the session's removal");
        Directory.CreateDirectory(session.Path);
    }

    [Test]
    public void Prepared_directory_links_the_users_buildx_state()
    {
        using var user = new TempDirectory("owb-user-docker");
        using var session = new TempDirectory("owb-session");
        Directory.CreateDirectory(user.Combine("buildx", "instances"));
        File.WriteAllText(user.Combine("buildx", "current"), """{"Key":"unix:///var/run/docker.sock","Name":"ci-builder","Global":false}""");

        DockerClientConfig.Prepare(session.Path, new Dictionary<string, string?> { ["DOCKER_CONFIG"] = user.Path });

        Assert.That(File.ReadAllText(session.Combine("buildx", "current")), Does.Contain("ci-builder"), "docker buildx use is kept");
    }

    /// <summary>
    /// The docker CLI on PATH (28 here) runs a plugin of the user's ~/.docker/cli-plugins with the temporary config: a
    /// buildx installed there keeps making `docker build` BuildKit while the run's login is in use.
    /// </summary>
    [Test]
    public void The_docker_CLI_finds_the_users_plugins_through_the_temporary_config()
    {
        RequiredProgram.Find("docker");
        using var user = new TempDirectory("owb-user-docker");
        using var session = new TempDirectory("owb-session");
        Directory.CreateDirectory(user.Combine("cli-plugins"));
        var plugin = user.Combine("cli-plugins", "docker-owbprobe");
        File.WriteAllText(plugin, """
            #!/bin/sh
            if [ "$1" = docker-cli-plugin-metadata ]; then
              echo '{"SchemaVersion":"0.1.0","Vendor":"Overwatch Build tests","Version":"1.0","ShortDescription":"probe"}'
            else
              echo "probe ran"
            fi
            """);
        File.SetUnixFileMode(plugin, (UnixFileMode)0b111_101_101);
        DockerClientConfig.Prepare(session.Path, new Dictionary<string, string?> { ["DOCKER_CONFIG"] = user.Path });

        var withSession = Shell.Run("docker", ["owbprobe"], new Dictionary<string, string?> { ["DOCKER_CONFIG"] = session.Path });

        Assert.That(withSession.StandardOutput.Trim(), Is.EqualTo("probe ran"), withSession.ToString());
    }
}

/// <summary>Whether removing the session's directory is the whole logout, or docker chose a credential helper.</summary>
public sealed class RegistrySessionLogoutTests
{
    [TestCase("""{"auths": {"127.0.0.1:5000": {"auth": "dXNlcjpwYXNz"}}}""", true)]
    [TestCase("""{"auths": {"127.0.0.1:5000": {}}, "credsStore": "pass"}""", false)]
    [TestCase("""{"currentContext": "remote"}""", false)]
    public void Login_in_the_config_file_needs_no_docker_logout(string config, bool inFile)
    {
        using var session = new TempDirectory("owb-session");
        File.WriteAllText(session.Combine("config.json"), config);

        Assert.That(Overwatch.Build.Infrastructure.Docker.RegistrySession.InConfigFile(session.Path), Is.EqualTo(inFile));
    }
}
