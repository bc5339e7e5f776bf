using NUnit.Framework;
using Overwatch.Build.Images;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Tests.Images;

/// <summary>Python versions are full X.Y.Z; anything else is refused with the input named and an example.</summary>
public sealed class PythonVersionTests
{
    [TestCase("3.6.7", 3, 6, 7, "py3.6.7")]
    [TestCase("2.7.15", 2, 7, 15, "py2.7.15")]
    [TestCase("3.10.0", 3, 10, 0, "py3.10.0")]
    [TestCase("0.0.0", 0, 0, 0, "py0.0.0")]
    public void Full_version_is_parsed(string text, int major, int minor, int patch, string suffix)
    {
        var version = PythonVersion.Parse(text, "--python-version");

        Assert.That(version, Is.EqualTo(new PythonVersion(major, minor, patch)));
        Assert.That(version.ToString(), Is.EqualTo(text));
        Assert.That(version.TagSuffix, Is.EqualTo(suffix));
    }

    [TestCase("3.6")]
    [TestCase("3")]
    [TestCase("3.6.7.1")]
    [TestCase("py3.6.7")]
    [TestCase("03.6.7")]
    [TestCase("3.06.7")]
    [TestCase("3.6.07")]
    [TestCase("3.6.x")]
    [TestCase("3.6.7rc1")]
    [TestCase(" 3.6.7")]
    [TestCase("3.6.7 ")]
    [TestCase("3.6.7\n")]
    [TestCase("1000.0.0")]
    [TestCase("")]
    public void Malformed_version_is_a_usage_error_naming_the_input_and_the_format(string text)
    {
        var error = Assert.Throws<UsageException>(() => PythonVersion.Parse(text, "--python-version"));

        Assert.That(error!.Message, Does.Contain($"'{text}'").And.Contain("in --python-version").And.Contain("expected X.Y.Z, e.g. 3.6.7"));
    }
}
