using NUnit.Framework;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Images.Publish;

namespace Overwatch.Build.Tests.Images.Publish;

/// <summary>
/// The base goes into the app image's inputs by its config digest, which the registry knows without a pull and which
/// is the same on every engine; a local image stands for itself only when the registry does not hold it.
/// </summary>
public sealed class BaseIdentityTests
{
    private const string Config = "sha256:c0";
    private const string Index = "sha256:1d";
    private const string Image = "sha256:1a";
    private static readonly RegistryManifest Published = new(RegistryManifest.OciIndex, [], Index, Config) { ImageDigest = Image };

    [TestCase("none", "held", Config, TestName = "fresh runner: the registry's config digest")]
    [TestCase(Config, "held", Config, TestName = "docker's own store: the ID is the config digest")]
    [TestCase(Index, "held", Config, TestName = "containerd store: the ID is the index the registry holds")]
    [TestCase("sha256:local", "held", "sha256:local", TestName = "a local base the registry does not hold stands for itself")]
    [TestCase("sha256:local", "unknown", "sha256:local", TestName = "no credentials: the local ID")]
    [TestCase("none", "absent", null, TestName = "nowhere: none")]
    [TestCase("none", "unknown", null, TestName = "not local, registry unknown: none")]
    public void The_base_is_named_by_its_config_digest(string local, string registry, string? identity)
    {
        var lookup = registry switch
        {
            "held" => TagLookup.Held(Published),
            "absent" => TagLookup.Absent,
            _ => TagLookup.Unsure("no credentials"),
        };

        Assert.That(BaseIdentity.Of(local == "none" ? null : new LocalImage(local, new Dictionary<string, string>()), lookup), Is.EqualTo(identity));
    }
}
