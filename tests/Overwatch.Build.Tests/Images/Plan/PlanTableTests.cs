using NUnit.Framework;
using Overwatch.Build.Images;
using Overwatch.Build.Images.Plan;
using Overwatch.Build.Images.Refs;

namespace Overwatch.Build.Tests.Images.Plan;

/// <summary>The console table of a plan written out by value, line for line: the ref, the decision, a row per Python version, every reference.</summary>
public sealed class PlanTableTests
{
    private static readonly ImageSpec Base = new("overwatch-base", "/src/docker/Dockerfile.build", "/src/docker");
    private static readonly ImageSpec App = new("overwatch", "/src/docker/Dockerfile", "/src/docker");

    private static ImagePlan Image(string python, string baseInputs, string registry, params string[] tags) =>
        new(PythonVersion.Parse(python, "test"), $"{registry}/overwatch-base:py{python}", tags, tags.Select(t => $"{registry}/overwatch:{t}").ToList(),
            new Dictionary<string, string>(), new Dictionary<string, string>())
        {
            CurrentBase = $"{registry}/overwatch-base:py{python}-{baseInputs}",
        };

    private static string Lines(params string[] lines) => string.Concat(lines.Select(l => l + Environment.NewLine));

    [Test]
    public void A_release_lists_its_decision_a_row_per_version_and_every_reference_to_push()
    {
        var plan = new BuildPlan(GitRef.ForTag("v1.2.3", RefSource.Travis), true, "release tag v1.2.3 is published as 1.2.3 and 1.2", "docker.io/rehlers", Base, App,
            [Image("2.7.15", "b7413e4d926a", "docker.io/rehlers", "1.2.3-py2.7.15", "1.2-py2.7.15"), Image("3.6.7", "f195a57a16e0", "docker.io/rehlers", "1.2.3-py3.6.7", "1.2-py3.6.7")])
        {
            Commit = "0123456789abcdef0123456789abcdef01234567",
        };

        Assert.That(PlanTable.Render(plan), Is.EqualTo(Lines(
            "Ref:      tag v1.2.3 (from travis)",
            "Commit:   0123456789abcdef0123456789abcdef01234567",
            "Publish:  yes: release tag v1.2.3 is published as 1.2.3 and 1.2",
            "Registry: docker.io/rehlers",
            "",
            "Python  Base image                                              Tags",
            "------  ------------------------------------------------------  ----------------------------",
            "2.7.15  docker.io/rehlers/overwatch-base:py2.7.15-b7413e4d926a  1.2.3-py2.7.15, 1.2-py2.7.15",
            "3.6.7   docker.io/rehlers/overwatch-base:py3.6.7-f195a57a16e0   1.2.3-py3.6.7, 1.2-py3.6.7",
            "Base images are tagged with the hash of their inputs (Dockerfile.build, PYTHON_VERSION, the files it copies) and pyX.Y.Z.",
            "",
            "References to push:",
            "  docker.io/rehlers/overwatch:1.2.3-py2.7.15",
            "  docker.io/rehlers/overwatch:1.2-py2.7.15",
            "  docker.io/rehlers/overwatch:1.2.3-py3.6.7",
            "  docker.io/rehlers/overwatch:1.2-py3.6.7")));
    }

    [Test]
    public void A_pull_request_outside_git_says_the_commit_is_unknown_and_nothing_is_pushed()
    {
        var plan = new BuildPlan(GitRef.ForPullRequest("17", "feature", RefSource.GitHub), false, "pull request #17 is never published", "127.0.0.1:5000", Base, App,
            [Image("3.6.7", "f195a57a16e0", "127.0.0.1:5000", "pr-17-py3.6.7")]);

        Assert.That(PlanTable.Render(plan), Is.EqualTo(Lines(
            "Ref:      pull request #17 (from github)",
            "Commit:   unknown (not a git checkout)",
            "Publish:  no: pull request #17 is never published",
            "Registry: 127.0.0.1:5000",
            "",
            "Python  Base image                                          Tags",
            "------  --------------------------------------------------  -------------",
            "3.6.7   127.0.0.1:5000/overwatch-base:py3.6.7-f195a57a16e0  pr-17-py3.6.7",
            "Base images are tagged with the hash of their inputs (Dockerfile.build, PYTHON_VERSION, the files it copies) and pyX.Y.Z.",
            "",
            "References (built, not pushed):",
            "  127.0.0.1:5000/overwatch:pr-17-py3.6.7")));
    }
}
