namespace Overwatch.Build.Images.Tags;

/// <summary>What the tag policy decided for a ref: tag stems (before <c>-pyX.Y.Z</c>), whether to push, and why in words.</summary>
public sealed record ReleaseDecision(IReadOnlyList<string> Stems, bool Publish, string Reason);
