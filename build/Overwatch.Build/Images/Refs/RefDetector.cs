using System.Text.RegularExpressions;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Images.Refs;

/// <summary>
/// Decides which ref is being built; the first source that knows wins:
/// explicit arguments, Travis, GitHub Actions, GitLab, then the local git checkout.
/// </summary>
public static partial class RefDetector
{
    public static BuildSource Detect(string? branchArgument, string? tagArgument, EnvironmentVariables env, ILocalGit git)
    {
        var detected = FromArguments(branchArgument, tagArgument)
            ?? FromTravis(env)
            ?? FromGitHub(env)
            ?? FromGitLab(env)
            ?? FromGit(git);
        // Same order as the ref, and only from a CI that is active, so ref and revision never come from different CIs.
        var revision = (env.IsTrue("TRAVIS") ? env["TRAVIS_COMMIT"] : null)
            ?? (env.IsTrue("GITHUB_ACTIONS") ? env["GITHUB_SHA"] : null)
            ?? (env.IsTrue("GITLAB_CI") ? env["CI_COMMIT_SHA"] : null)
            ?? git.HeadRevision();
        return new BuildSource(detected, revision);
    }

    private static GitRef? FromArguments(string? branch, string? tag)
    {
        if (branch is not null && tag is not null)
            throw new UsageException("--branch and --tag were both given: pretend one ref, e.g. --tag=1.2.3");
        if (branch is not null) return GitRef.ForBranch(RequireName(branch, "--branch"), RefSource.Arguments);
        if (tag is not null) return GitRef.ForTag(RequireName(tag, "--tag"), RefSource.Arguments);
        return null;
    }

    private static string RequireName(string value, string argument) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new UsageException($"{argument} needs a value, e.g. {argument}=master")
            : value.Trim();

    // On Travis a tag build has TRAVIS_BRANCH == TRAVIS_TAG, and a pull request build has the target branch in TRAVIS_BRANCH.
    private static GitRef? FromTravis(EnvironmentVariables env)
    {
        if (!env.IsTrue("TRAVIS")) return null;
        var pullRequest = env["TRAVIS_PULL_REQUEST"];
        if (pullRequest is not null && pullRequest != "false")
            return GitRef.ForPullRequest(pullRequest, env["TRAVIS_PULL_REQUEST_BRANCH"], RefSource.Travis);
        if (env["TRAVIS_TAG"] is { } tag) return GitRef.ForTag(tag, RefSource.Travis);
        if (env["TRAVIS_BRANCH"] is { } branch) return GitRef.ForBranch(branch, RefSource.Travis);
        throw new UsageException("TRAVIS=true but neither TRAVIS_TAG nor TRAVIS_BRANCH is set: pass --branch or --tag");
    }

    private static GitRef? FromGitHub(EnvironmentVariables env)
    {
        if (!env.IsTrue("GITHUB_ACTIONS")) return null;
        var reference = env["GITHUB_REF"] ?? "";
        if (env["GITHUB_EVENT_NAME"] is "pull_request" or "pull_request_target")
        {
            var number = PullRequestRef().Match(reference);
            var head = env["GITHUB_HEAD_REF"];
            return GitRef.ForPullRequest(number.Success ? number.Groups[1].Value : head ?? "unknown", head, RefSource.GitHub);
        }
        if (reference.StartsWith("refs/tags/", StringComparison.Ordinal))
            return GitRef.ForTag(reference["refs/tags/".Length..], RefSource.GitHub);
        if (reference.StartsWith("refs/heads/", StringComparison.Ordinal))
            return GitRef.ForBranch(reference["refs/heads/".Length..], RefSource.GitHub);
        throw new UsageException($"GITHUB_REF '{reference}' is not a branch, tag or pull request ref: pass --branch or --tag");
    }

    private static GitRef? FromGitLab(EnvironmentVariables env)
    {
        if (!env.IsTrue("GITLAB_CI")) return null;
        if (env["CI_MERGE_REQUEST_IID"] is { } iid)
            return GitRef.ForPullRequest(iid, env["CI_MERGE_REQUEST_SOURCE_BRANCH_NAME"], RefSource.GitLab);
        if (env["CI_COMMIT_TAG"] is { } tag) return GitRef.ForTag(tag, RefSource.GitLab);
        if ((env["CI_COMMIT_BRANCH"] ?? env["CI_COMMIT_REF_NAME"]) is { } branch) return GitRef.ForBranch(branch, RefSource.GitLab);
        throw new UsageException("GITLAB_CI=true but none of CI_COMMIT_TAG, CI_COMMIT_BRANCH, CI_MERGE_REQUEST_IID is set: pass --branch or --tag");
    }

    // A checked-out branch wins; a detached HEAD is a release build when a tag points at it.
    private static GitRef FromGit(ILocalGit git)
    {
        if (git.CurrentBranch() is { } branch) return GitRef.ForBranch(branch, RefSource.Git);
        var tag = git.TagsAtHead().OrderBy(ReleaseTag.Precedence).ThenBy(t => t, StringComparer.Ordinal).LastOrDefault();
        if (tag is not null) return GitRef.ForTag(tag, RefSource.Git);
        throw new UsageException("cannot tell which ref is being built (no CI variables, and HEAD is detached with no tag): pass --branch=NAME or --tag=NAME");
    }

    [GeneratedRegex(@"^refs/pull/(\d+)/")]
    private static partial Regex PullRequestRef();
}
