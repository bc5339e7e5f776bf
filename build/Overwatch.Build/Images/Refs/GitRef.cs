namespace Overwatch.Build.Images.Refs;

/// <summary>
/// What is being built: a branch, a tag or a pull request. For a pull request <see cref="Name"/> is its number
/// and <see cref="Branch"/> the branch it comes from, when the CI says so.
/// </summary>
public sealed record GitRef(RefType Type, string Name, RefSource Source, string? Branch = null)
{
    public static GitRef ForBranch(string name, RefSource source) => new(RefType.Branch, name, source, name);
    public static GitRef ForTag(string name, RefSource source) => new(RefType.Tag, name, source);
    public static GitRef ForPullRequest(string number, string? headBranch, RefSource source) => new(RefType.PullRequest, number, source, headBranch);

    public override string ToString() => Type switch
    {
        RefType.PullRequest => $"pull request #{Name}",
        RefType.Tag => $"tag {Name}",
        _ => $"branch {Name}",
    };
}
