using NUnit.Framework;
using Overwatch.Build.Images.Refs;

namespace Overwatch.Build.Tests.Images.Refs;

/// <summary>Release tags, read once for both the tag policy and the choice between tags at HEAD.</summary>
public sealed class ReleaseTagTests
{
    [TestCase("1.2", "1", "2", "", "")]
    [TestCase("v1.2.3", "1", "2", "3", "")]
    [TestCase("v1.2.3-rc.1", "1", "2", "3", "rc.1")]
    public void Release_tags_are_read(string tag, string major, string minor, string patch, string pre) =>
        Assert.That(ReleaseTag.Parse(tag), Is.EqualTo(new ReleaseTag(major, minor, patch, pre)));

    [TestCase("nightly")]
    [TestCase("01.2")]
    [TestCase("1.2-rc1")]
    [TestCase("v1.2.3\n")]
    public void Other_tags_are_not_releases(string tag) => Assert.That(ReleaseTag.Parse(tag), Is.Null);

    [TestCase("v1.10.0", "v1.9.0")]
    [TestCase("v1.2.3", "v1.2.3-rc1")]
    [TestCase("v0.0.1-rc1", "nightly")]
    public void Precedence_orders_releases_above_pre_releases_above_other_tags(string higher, string lower) =>
        Assert.That(ReleaseTag.Precedence(higher), Is.GreaterThan(ReleaseTag.Precedence(lower)));
}
