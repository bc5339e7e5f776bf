namespace Overwatch.Build.Images.Refs;

/// <summary>What ref detection needs to know about the local checkout.</summary>
public interface ILocalGit
{
    /// <summary>The checked-out branch, or null when HEAD is detached or this is not a git checkout.</summary>
    string? CurrentBranch();

    /// <summary>Tags that point at HEAD.</summary>
    IReadOnlyList<string> TagsAtHead();

    /// <summary>The commit SHA of HEAD, or null when unknown.</summary>
    string? HeadRevision();

    /// <summary>When HEAD was committed; null when unknown.</summary>
    DateTimeOffset? HeadCommitTime() => null;

    /// <summary>Why git could not answer (not installed, not a repository, dubious ownership...), or null.</summary>
    GitProblem? Problem => null;
}
