using NUnit.Framework;

namespace Overwatch.Build.Tests.Infra;

/// <summary>
/// What the image end-to-end fixtures share: a real docker-registry with htpasswd (a password of the fixture's
/// own, which no output may show) and the busybox fixture images. Afterwards the images tagged for this registry,
/// or for any loopback registry (fault proxies) under <paramref name="namespacePrefix"/>, are removed.
/// </summary>
public abstract class RegistryFixture(string password, string? namespacePrefix = null)
{
    protected const string User = "ci-bot";
    protected readonly string Password = password;
    protected LocalRegistry registry = null!;
    protected FixtureImages images = null!;

    [OneTimeSetUp]
    public void StartRegistry()
    {
        DockerDaemon.Require();
        registry = new LocalRegistry(User, Password);
        images = new FixtureImages();
    }

    [OneTimeTearDown]
    public void StopRegistry()
    {
        if (registry is null) return;
        // An image a rebuild untagged keeps its repository name ("REPO:<none>"): removed by its ID.
        var left = Shell.Run("docker", "images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}").StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' '))
            .Where(i => i[0].StartsWith(registry.Address + "/", StringComparison.Ordinal)
                || (namespacePrefix is not null && i[0].StartsWith("127.0.0.1:", StringComparison.Ordinal) && i[0].Contains("/" + namespacePrefix, StringComparison.Ordinal)))
            .Select(i => i[0].EndsWith(":<none>", StringComparison.Ordinal) ? i[1] : i[0])
            .Distinct().ToList();
        if (left.Count > 0) Shell.Run("docker", ["rmi", "--force", .. left]);
        registry.Dispose();
        images?.Dispose();
    }
}
