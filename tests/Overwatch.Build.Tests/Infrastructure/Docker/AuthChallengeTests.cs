using NUnit.Framework;
using Overwatch.Build.Infrastructure.Docker;

namespace Overwatch.Build.Tests.Infrastructure.Docker;

/// <summary>WWW-Authenticate challenges as docker-registry, Docker Hub, GHCR and GitLab send them, and broken ones.</summary>
public sealed class AuthChallengeTests
{
    [Test]
    public void A_Basic_challenge_of_docker_registry_with_htpasswd()
    {
        var challenge = AuthChallenge.Parse("Basic realm=\"overwatch-tests\"")!;

        Assert.That(challenge.IsBasic, Is.True);
        Assert.That(challenge["realm"], Is.EqualTo("overwatch-tests"));
    }

    [Test]
    public void A_Bearer_challenge_names_the_token_endpoint_service_and_scope()
    {
        var challenge = AuthChallenge.Parse(
            "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:rehlers/overwatch:pull,push\"")!;

        Assert.That(challenge.IsBearer, Is.True);
        Assert.That(challenge["realm"], Is.EqualTo("https://auth.docker.io/token"));
        Assert.That(challenge["service"], Is.EqualTo("registry.docker.io"));
        Assert.That(challenge["scope"], Is.EqualTo("repository:rehlers/overwatch:pull,push"), "the comma inside the quotes is part of the value");
    }

    [TestCase("bearer realm=\"https://ghcr.io/token\", service=\"ghcr.io\"", "https://ghcr.io/token", "ghcr.io")]
    [TestCase("Bearer realm=https://gitlab.example.com/jwt/auth,service=container_registry", "https://gitlab.example.com/jwt/auth", "container_registry")]
    [TestCase("Bearer service=\"a\\\"b\",realm=\"http://127.0.0.1:1/t\"", "http://127.0.0.1:1/t", "a\"b")]
    public void Schemes_are_case_insensitive_values_may_be_unquoted_or_escaped(string header, string realm, string service)
    {
        var challenge = AuthChallenge.Parse(header)!;

        Assert.That(challenge.IsBearer, Is.True);
        Assert.That(challenge["realm"], Is.EqualTo(realm));
        Assert.That(challenge["SERVICE"], Is.EqualTo(service));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    [TestCase("realm=\"x\"")]
    [TestCase("Bearer realm=\"https://unterminated")]
    [TestCase("Bearer realm")]
    public void A_header_that_is_no_challenge_is_null(string? header) =>
        Assert.That(AuthChallenge.Parse(header), Is.Null);

    [Test]
    public void A_scheme_without_parameters_is_a_challenge_without_a_realm()
    {
        var challenge = AuthChallenge.Parse("Negotiate")!;

        Assert.That(challenge.Scheme, Is.EqualTo("Negotiate"));
        Assert.That(challenge["realm"], Is.Null);
    }
}
