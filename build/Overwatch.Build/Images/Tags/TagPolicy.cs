using Overwatch.Build.Images;
using Overwatch.Build.Images.Refs;

namespace Overwatch.Build.Images.Tags;

/// <summary>
/// Which tags a ref gets and whether they are pushed:
/// master and '-docker' branches are published as latest; release tags X.Y, X.Y.Z and vX.Y.Z-PRE are published;
/// every other tag, branch and pull request is built but not pushed.
/// </summary>
public static class TagPolicy
{
    public static ReleaseDecision Decide(GitRef gitRef) => gitRef.Type switch
    {
        RefType.PullRequest => new([$"pr-{gitRef.Name}"], false, $"pull request #{gitRef.Name} is never published"),
        RefType.Tag => ForTag(gitRef.Name),
        _ => ForBranch(gitRef.Name),
    };

    public static IReadOnlyList<string> TagsFor(ReleaseDecision decision, PythonVersion python) =>
        decision.Stems.Select(stem => DockerTag.Create(stem, python)).Distinct().ToList();

    private static ReleaseDecision ForBranch(string branch)
    {
        if (branch == "master")
            return new([ReleaseDecision.Latest, "master"], true, "branch master is published as latest and master");
        if (branch.Contains("-docker", StringComparison.Ordinal))
            return new([ReleaseDecision.Latest, branch], true, $"branch '{branch}' contains '-docker': published as latest and {branch}");
        return new([branch], false, $"branch '{branch}' is neither master nor a '-docker' branch: not published");
    }

    private static ReleaseDecision ForTag(string tag)
    {
        if (ReleaseTag.Parse(tag) is not { } release)
            return new([tag], false, $"tag '{tag}' is not a release tag (X.Y, X.Y.Z or vX.Y.Z-PRE): not published");

        var (major, minor, patch, pre) = release;
        if (patch.Length == 0)
            return new([$"{major}.{minor}"], true, $"release tag {tag} is published as {major}.{minor}");
        var full = $"{major}.{minor}.{patch}";
        if (pre.Length > 0)
            return new([$"{full}-{pre}"], true, $"pre-release tag {tag} is published as {full}-{pre}, never as {major}.{minor}")
            {
                ImmutableStem = $"{full}-{pre}",
            };
        return new([full, $"{major}.{minor}"], true, $"release tag {tag} is published as {full} and {major}.{minor}") { ImmutableStem = full };
    }
}
