namespace Overwatch.Build.Images.Tags;

/// <summary>What the tag policy decided for a ref: tag stems (before <c>-pyX.Y.Z</c>), whether to push, and why in words.</summary>
public sealed record ReleaseDecision(IReadOnlyList<string> Stems, bool Publish, string Reason)
{
    public const string Latest = "latest";

    /// <summary>The stem of a release that must never move once pushed (X.Y.Z, X.Y.Z-PRE), or null.</summary>
    public string? ImmutableStem { get; init; }

    /// <summary>
    /// The order to push in: the ref's own tags first, 'latest' last, so a failure part-way never leaves a
    /// floating tag on an image whose own tag is missing (release stems already come X.Y.Z before X.Y).
    /// </summary>
    public IReadOnlyList<string> PushOrder => Stems.Where(s => s != Latest).Concat(Stems.Where(s => s == Latest)).ToList();
}
