namespace Overwatch.Build.Images.Publish;

/// <summary>What became of one reference in a run.</summary>
public enum ReferenceStatus
{
    /// <summary>Pushed in this run; the digest is the registry's.</summary>
    Pushed,

    /// <summary>Not pushed by decision: the tag policy does not publish the ref, or the release is already there.</summary>
    Skipped,

    /// <summary>Its push (or its version's build) failed; the reason says how.</summary>
    Failed,

    /// <summary>Not pushed because the run ended first (another version failed, an interrupt) or did not include Push.</summary>
    NotPushed,
}

/// <summary>One reference of one Python version and what became of it.</summary>
public sealed record ReferenceRecord(string Reference, string Kind, string? ImageId, ReferenceStatus Status, string? Digest, string? Reason)
{
    /// <summary>The hash of the app image's inputs (its org.overwatch-build.inputs label), when known.</summary>
    public string? Inputs { get; init; }
}

/// <summary>One Python version: its references and whether its image was smoke-tested.</summary>
public sealed record VersionRecord(PythonVersion Python, string SmokeTest, IReadOnlyList<ReferenceRecord> References);

/// <summary>
/// The publish record of one image run (artifacts/publish.json): for each Python version and reference, the
/// image, the pushed digest, and whether it was pushed, skipped or failed, and why.
/// </summary>
public sealed record PublishRecord(string Ref, bool Publish, string Reason, bool Succeeded, IReadOnlyList<VersionRecord> Versions)
{
    /// <summary>What <see cref="VersionRecord.SmokeTest"/> says until the SmokeTest step reports.</summary>
    public const string SmokeTestNotRun = "not run";
}
