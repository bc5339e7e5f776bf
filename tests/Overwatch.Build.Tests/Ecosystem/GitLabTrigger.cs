namespace Overwatch.Build.Tests.Ecosystem;

/// <summary>
/// One event that starts a GitLab pipeline, as the predefined variables GitLab sets for it: tag and merge
/// request pipelines have no CI_COMMIT_BRANCH. <see cref="Protected"/> says whether the ref is protected
/// as the header of .gitlab-ci.yml tells maintainers to set up (master, '*-docker' branches, tags): only
/// then does GitLab hand the job protected variables such as the credentials.
/// </summary>
public sealed record GitLabTrigger(string Name, string PipelineSource, string? Branch = null, string? Tag = null,
    string? MergeRequestIid = null, string? SourceBranch = null, bool Protected = false)
{
    public override string ToString() => Name;

    public Dictionary<string, string?> Variables() => new()
    {
        ["CI"] = "true",
        ["GITLAB_CI"] = "true",
        ["CI_PIPELINE_SOURCE"] = PipelineSource,
        ["CI_COMMIT_BRANCH"] = MergeRequestIid is null ? Branch : null,
        ["CI_COMMIT_TAG"] = Tag,
        ["CI_COMMIT_REF_NAME"] = Tag ?? SourceBranch ?? Branch,
        ["CI_COMMIT_REF_PROTECTED"] = Protected ? "true" : "false",
        ["CI_MERGE_REQUEST_IID"] = MergeRequestIid,
        ["CI_MERGE_REQUEST_SOURCE_BRANCH_NAME"] = SourceBranch,
        ["CI_MERGE_REQUEST_TARGET_BRANCH_NAME"] = MergeRequestIid is null ? null : "master",
        ["CI_DEFAULT_BRANCH"] = "master",
        ["CI_COMMIT_SHA"] = "89abcdef0123456789abcdef0123456789abcdef",
        ["CI_PROJECT_PATH"] = "rehlers/overwatch",
    };
}
