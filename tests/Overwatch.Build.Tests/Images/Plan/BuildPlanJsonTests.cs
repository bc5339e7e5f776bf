using System.Text.Json;
using NUnit.Framework;
using Overwatch.Build.Images.Plan;
using Overwatch.Build.Images.Refs;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Images.Plan;

/// <summary>artifacts/build-plan.json, parsed back: the shape CI steps rely on.</summary>
public sealed class BuildPlanJsonTests
{
    [TestCase(RefType.Branch, "branch")]
    [TestCase(RefType.Tag, "tag")]
    [TestCase(RefType.PullRequest, "pull_request")]
    public void Ref_type_is_written_in_snake_case(RefType type, string expected)
    {
        var root = Parse(new GitRef(type, "5", RefSource.Git, "feature"));

        Assert.That(root.GetProperty("ref").GetProperty("type").GetString(), Is.EqualTo(expected));
    }

    [TestCase(RefSource.Arguments, "arguments")]
    [TestCase(RefSource.Travis, "travis")]
    [TestCase(RefSource.GitHub, "github")]
    [TestCase(RefSource.GitLab, "gitlab")]
    [TestCase(RefSource.Git, "git")]
    public void Ref_source_is_written_in_lowercase(RefSource source, string expected)
    {
        var root = Parse(GitRef.ForBranch("master", source));

        Assert.That(root.GetProperty("ref").GetProperty("source").GetString(), Is.EqualTo(expected));
    }

    [Test]
    public void Document_has_ref_publish_reason_and_images()
    {
        var root = Parse(GitRef.ForTag("v1.2.3", RefSource.GitHub));

        Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "ref", "commit", "publish", "reason", "images" }));
        Assert.That(root.GetProperty("commit").GetString(), Is.EqualTo(PlanInputs.Revision));
        Assert.That(root.GetProperty("ref").GetProperty("name").GetString(), Is.EqualTo("v1.2.3"));
        Assert.That(root.GetProperty("publish").GetBoolean(), Is.True);
        Assert.That(root.GetProperty("reason").GetString(), Does.Contain("v1.2.3"));
        Assert.That(root.GetProperty("images").GetArrayLength(), Is.EqualTo(2));
    }

    [Test]
    public void Image_lists_python_base_tags_references_build_args_and_labels()
    {
        var image = Parse(GitRef.ForTag("v1.2.3", RefSource.GitHub)).GetProperty("images")[1];

        Assert.Multiple(() =>
        {
            Assert.That(image.GetProperty("python").GetString(), Is.EqualTo("3.6.7"));
            Assert.That(image.GetProperty("base").GetString(), Is.EqualTo("docker.io/rehlers/overwatch-base:" + PlanInputs.BaseTag("3.6.7")));
            Assert.That(image.GetProperty("baseFloating").GetString(), Is.EqualTo("docker.io/rehlers/overwatch-base:py3.6.7"));
            Assert.That(image.GetProperty("baseInputs").GetString(), Is.EqualTo(PlanInputs.BaseTag("3.6.7")["py3.6.7-".Length..]));
            Assert.That(Strings(image.GetProperty("tags")), Is.EqualTo(new[] { "1.2.3-py3.6.7", "1.2-py3.6.7" }));
            Assert.That(Strings(image.GetProperty("references")), Is.EqualTo(new[]
            {
                "docker.io/rehlers/overwatch:1.2.3-py3.6.7", "docker.io/rehlers/overwatch:1.2-py3.6.7",
            }));
            Assert.That(image.GetProperty("buildArgs").GetProperty("OVERWATCH_COMMIT").GetString(), Is.EqualTo(PlanInputs.Revision));
            Assert.That(image.GetProperty("buildArgs").GetProperty("BASE_IMAGE").GetString(), Is.EqualTo("docker.io/rehlers/overwatch-base:" + PlanInputs.BaseTag("3.6.7")));
            Assert.That(image.GetProperty("buildArgs").GetProperty("PYTHON_VERSION").GetString(), Is.EqualTo("3.6.7"));
            Assert.That(image.GetProperty("labels").GetProperty("org.opencontainers.image.created").GetString(), Is.EqualTo("2024-03-05T12:07:09Z"));
        });
    }

    [Test]
    public void Branch_names_with_special_characters_are_written_unescaped_and_read_back_intact()
    {
        var json = BuildPlanJson.Serialize(BuildPlanner.Create(PlanInputs.For(GitRef.ForBranch("feature/#12-fix<&>", RefSource.GitHub))));

        using var document = JsonDocument.Parse(json);

        Assert.That(json, Does.EndWith("}\n"));
        Assert.That(json, Does.Contain("\"name\": \"feature/#12-fix<&>\""));
        Assert.That(document.RootElement.GetProperty("ref").GetProperty("name").GetString(), Is.EqualTo("feature/#12-fix<&>"));
    }

    // Byte for byte what the serializer wrote before the file was written field by field.
    [Test]
    public void Whole_document_is_written_indented_with_camel_case_names() =>
        Golden.AssertMatches(Path.Combine(RepoPaths.Fixtures, "Images", "Golden", "build-plan.json"),
            BuildPlanJson.Serialize(BuildPlanner.Create(PlanInputs.For(GitRef.ForTag("v1.2.3", RefSource.GitHub)))));

    private static JsonElement Parse(GitRef gitRef)
    {
        var json = BuildPlanJson.Serialize(BuildPlanner.Create(PlanInputs.For(gitRef)));
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    private static string?[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()).ToArray();
}
