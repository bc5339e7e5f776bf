using NUnit.Framework;
using Overwatch.Build.Images;
using Overwatch.Build.Inputs;
using Overwatch.Build.Images.Refs;
using Overwatch.Build.Images.Tags;

namespace Overwatch.Build.Tests.Images.Tags;

/// <summary>Branch and tag names made into valid Docker tags: [A-Za-z0-9_.-], no leading '.' or '-', at most 128 characters.</summary>
public sealed class DockerTagTests
{
    private static readonly PythonVersion Python = new(3, 6, 7);

    [TestCase("feature/#12-fix", "feature--12-fix-py3.6.7")]
    [TestCase("a b\tc", "a-b-c-py3.6.7")]
    [TestCase("caf\u00e9", "caf--py3.6.7")]
    [TestCase("..-.x", "x-py3.6.7")]
    [TestCase("/leading/slash", "leading-slash-py3.6.7")]
    [TestCase("_under", "_under-py3.6.7")]
    [TestCase("UPPER.case", "UPPER.case-py3.6.7")]
    public void Invalid_characters_become_dashes_and_leading_dots_and_dashes_go(string stem, string expected)
    {
        var tag = DockerTag.Create(stem, Python);

        Assert.That(tag, Is.EqualTo(expected));
    }

    [TestCase(200)]
    [TestCase(121)]
    [TestCase(500)]
    public void Long_name_is_cut_to_128_characters_keeping_the_python_suffix(int length)
    {
        var branch = new string('b', length);

        var tags = TagPolicy.TagsFor(TagPolicy.Decide(GitRef.ForBranch(branch, RefSource.Arguments)), Python);

        Assert.That(tags, Has.Count.EqualTo(1));
        Assert.That(tags[0], Has.Length.EqualTo(DockerTag.MaxLength));
        Assert.That(tags[0], Does.EndWith("-py3.6.7"));
        Assert.That(tags[0], Does.StartWith(new string('b', 120)));
    }

    [Test]
    public void Name_that_fits_exactly_is_not_cut()
    {
        var stem = new string('x', DockerTag.MaxLength - "-py3.6.7".Length);

        var tag = DockerTag.Create(stem, Python);

        Assert.That(tag, Is.EqualTo(stem + "-py3.6.7"));
    }

    [Test]
    public void Long_docker_branch_keeps_latest_and_a_128_character_branch_tag()
    {
        var branch = new string('d', 190) + "-docker";

        var decision = TagPolicy.Decide(GitRef.ForBranch(branch, RefSource.Arguments));
        var tags = TagPolicy.TagsFor(decision, new PythonVersion(2, 7, 15));

        Assert.That(decision.Publish, Is.True);
        Assert.That(tags[0], Is.EqualTo("latest-py2.7.15"));
        Assert.That(tags[1], Has.Length.EqualTo(128).And.EndWith("-py2.7.15"));
    }

    [TestCase("///")]
    [TestCase("...")]
    [TestCase("-.-")]
    [TestCase("#")]
    public void Name_that_sanitizes_to_nothing_is_a_usage_error(string name)
    {
        var decision = TagPolicy.Decide(GitRef.ForBranch(name, RefSource.Arguments));

        var error = Assert.Throws<UsageException>(() => TagPolicy.TagsFor(decision, Python));

        Assert.That(error!.Message, Does.Contain($"'{name}'").And.Contain("letters or digits"));
    }
}
