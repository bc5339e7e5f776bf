namespace Overwatch.Build.Tests.Ecosystem;

/// <summary>
/// One event that starts the shipped workflow, as the variables GitHub Actions sets for it
/// (https://docs.github.com/actions/learn-github-actions/variables#default-environment-variables).
/// </summary>
public sealed record GitHubTrigger(string Name, string EventName, string Ref, string? HeadRef = null, string? BaseRef = null)
{
    public override string ToString() => Name;

    public bool IsTag => Ref.StartsWith("refs/tags/", StringComparison.Ordinal);

    /// <summary>The branch or tag name without refs/heads/ or refs/tags/ (what push filters match).</summary>
    public string ShortRef => Ref.Split('/', 3)[2];

    public Dictionary<string, string?> Variables() => new()
    {
        ["CI"] = "true",
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_EVENT_NAME"] = EventName,
        ["GITHUB_REF"] = Ref,
        ["GITHUB_REF_NAME"] = ShortRef,
        ["GITHUB_REF_TYPE"] = IsTag ? "tag" : "branch",
        ["GITHUB_HEAD_REF"] = HeadRef ?? "",
        ["GITHUB_BASE_REF"] = BaseRef ?? "",
        ["GITHUB_SHA"] = "0123456789abcdef0123456789abcdef01234567",
        ["GITHUB_REPOSITORY"] = "raymondEhlers/OVERWATCH",
        ["RUNNER_OS"] = "Linux",
    };
}
