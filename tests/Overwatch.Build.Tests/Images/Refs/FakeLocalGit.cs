using Overwatch.Build.Images.Refs;

namespace Overwatch.Build.Tests.Images.Refs;

/// <summary>A checkout described by value, for ref detection without a repository.</summary>
public sealed class FakeLocalGit(string? branch = null, string[]? tags = null, string? head = "0123456789abcdef0123456789abcdef01234567",
    DateTimeOffset? committed = null) : ILocalGit
{
    public string? CurrentBranch() => branch;

    public IReadOnlyList<string> TagsAtHead() => tags ?? [];

    public string? HeadRevision() => head;

    public DateTimeOffset? HeadCommitTime() => committed;
}
