using NUnit.Framework;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Infrastructure.Docker;

/// <summary>A temporary login keeps the user's engine (current context, TLS certificates) and nothing else of theirs.</summary>
public sealed class DockerClientConfigTests
{
    [TestCase(null, "{}")]
    [TestCase("", "{}")]
    [TestCase("not json", "{}")]
    [TestCase("[]", "{}")]
    [TestCase("""{"auths":{"r":{"auth":"c2VjcmV0"}},"credsStore":"pass"}""", "{}")]
    [TestCase("""{"currentContext":"remote","auths":{"r":{"auth":"c2VjcmV0"}},"credsStore":"pass"}""", """{"currentContext":"remote"}""")]
    [TestCase("""{"currentContext":""}""", "{}")]
    [TestCase("""{"currentContext":7}""", "{}")]
    public void Temporary_config_keeps_only_the_current_context(string? user, string expected) =>
        Assert.That(DockerClientConfig.TemporaryConfigJson(user), Is.EqualTo(expected));

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

        Assert.That(File.ReadAllText(session.Combine("config.json")), Is.EqualTo("""{"currentContext":"remote"}"""));
        Assert.That(File.Exists(session.Combine("contexts", "meta", "abc", "meta.json")), Is.True);
        Directory.Delete(session.Path, recursive: true);
        Assert.That(File.Exists(user.Combine("contexts", "meta", "abc", "meta.json")), Is.True, "the user's contexts survive the session's removal");
        Directory.CreateDirectory(session.Path);
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
