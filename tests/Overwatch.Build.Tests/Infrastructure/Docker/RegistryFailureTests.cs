using NUnit.Framework;
using Overwatch.Build.Infrastructure.Docker;

namespace Overwatch.Build.Tests.Infrastructure.Docker;

/// <summary>docker's own last lines (recorded against a registry behind a fault-injecting proxy) and the class each is.</summary>
public sealed class RegistryFailureTests
{
    [TestCase("received unexpected HTTP status: 500 Internal Server Error", RegistryFault.Transient, "registry answered 500 (server error)")]
    [TestCase("received unexpected HTTP status: 503 Service Unavailable", RegistryFault.Transient, "registry answered 503 (server error)")]
    [TestCase("Error response from daemon: login attempt to http://127.0.0.1:43685/v2/ failed with status: 503 Service Unavailable",
        RegistryFault.Transient, "registry answered 503 (server error)")]
    [TestCase("failed commit on ref \"manifest-sha256:922f731b00d0f29286c73dee32864fab7078b3e658840aed3da5098428df9392\": unexpected status from PUT request to " +
        "http://127.0.0.1:30800/v2/matrix-fault/overwatch/manifests/master-py3.6.7: 500 Internal Server Error", RegistryFault.Transient, "registry answered 500 (server error)")]
    [TestCase("toomanyrequests: injected fault 429", RegistryFault.RateLimited, "registry answered 429 (rate limited)")]
    [TestCase("Error response from daemon: toomanyrequests: You have reached your pull rate limit.", RegistryFault.RateLimited, "registry answered 429 (rate limited)")]
    [TestCase("Get \"http://127.0.0.1:43685/v2/\": dial tcp 127.0.0.1:43685: connect: connection refused", RegistryFault.Transient, "connection refused")]
    [TestCase("invalid checksum digest format", RegistryFault.Transient, "connection dropped")]
    [TestCase("read tcp 127.0.0.1:5000: read: connection reset by peer", RegistryFault.Transient, "connection dropped")]
    [TestCase("net/http: TLS handshake timeout", RegistryFault.Transient, "network time-out")]
    [TestCase("Error response from daemon: login attempt to http://127.0.0.1:43685/v2/ failed with status: 401 Unauthorized",
        RegistryFault.Unauthorized, "registry refused the credentials (401 unauthorized)")]
    [TestCase("Error response from daemon: Head \"http://127.0.0.1:40155/v2/probe/none/manifests/1\": no basic auth credentials",
        RegistryFault.Unauthorized, "registry refused the credentials (401 unauthorized)")]
    [TestCase("unauthorized: authentication required", RegistryFault.Unauthorized, "registry refused the credentials (401 unauthorized)")]
    [TestCase("denied: requested access to the resource is denied", RegistryFault.Denied, "registry denied access (403 denied)")]
    [TestCase("Error response from daemon: manifest for 127.0.0.1:43685/probe/none:1 not found: manifest unknown: manifest unknown",
        RegistryFault.NotFound, "not in the registry (404 not found)")]
    [TestCase("no such manifest: 127.0.0.1:5999/a/b:2", RegistryFault.NotFound, "not in the registry (404 not found)")]
    [TestCase("invalid reference format: repository name (Probe/X) must be lowercase", RegistryFault.InvalidReference, "invalid image reference")]
    [TestCase("something docker never said before", RegistryFault.Transient, "unrecognised failure")]
    public void Docker_output_is_classified(string line, RegistryFault fault, string cause)
    {
        var failure = RegistryFailure.Classify(["The push refers to repository [127.0.0.1:5000/x]", "c90235d27a57: Pushed", line]);

        Assert.That(failure, Is.EqualTo(new RegistryFailure(fault, cause)));
    }

    [Test]
    public void The_last_error_line_wins_over_earlier_progress()
    {
        var failure = RegistryFailure.Classify(["5ea87c725865: Retrying in 5 seconds", "denied: requested access to the resource is denied"]);

        Assert.That(failure.Fault, Is.EqualTo(RegistryFault.Denied));
    }

    [TestCase(RegistryFault.Transient, true)]
    [TestCase(RegistryFault.RateLimited, true)]
    [TestCase(RegistryFault.Unauthorized, false)]
    [TestCase(RegistryFault.Denied, false)]
    [TestCase(RegistryFault.NotFound, false)]
    [TestCase(RegistryFault.InvalidReference, false)]
    [TestCase(RegistryFault.ReadOnly, false)]
    public void Only_server_network_and_rate_limit_faults_are_retried(RegistryFault fault, bool transient) =>
        Assert.That(new RegistryFailure(fault, "x").Transient, Is.EqualTo(transient));
}
