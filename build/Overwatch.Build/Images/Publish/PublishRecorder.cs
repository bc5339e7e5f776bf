using Overwatch.Build.Images;
using Overwatch.Build.Images.Plan;

namespace Overwatch.Build.Images.Publish;

/// <summary>
/// The one record of what becomes of every reference of the run, collected while the lanes run: artifacts/publish.json,
/// the final summary and the account of a failed push (<see cref="PushAccount"/>) are all read from it. Safe to call from lanes at once. A reference nobody reported on is "not pushed", with the reason
/// given at the end (the run failed first, Push was not part of it).
/// </summary>
public sealed class PublishRecorder
{
    private readonly object gate = new();
    private readonly BuildPlan plan;
    private readonly List<(PythonVersion Python, string Reference, string Kind)> planned = [];
    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly Dictionary<PythonVersion, string> smokeTests = [];

    /// <param name="bases">Whether the run builds or pushes base images (DockerBase, PublishBase).</param>
    /// <param name="apps">Whether the run builds or pushes app images (DockerImage, Push).</param>
    public PublishRecorder(BuildPlan plan, bool bases, bool apps)
    {
        this.plan = plan;
        foreach (var image in plan.Images)
        {
            if (bases) planned.Add((image.Python, image.Base, "base"));
            if (apps) planned.AddRange(image.PushOrder.Select(r => (image.Python, r, "app")));
        }
    }

    public void ImageBuilt(string reference, string? imageId, string? inputs = null) =>
        Update(reference, e => e with { ImageId = imageId, Inputs = inputs ?? e.Inputs });

    /// <summary>Every reference of this image (one build, one ID), with the hash of its inputs when it has one.</summary>
    public void ImageBuilt(ImagePlan image, string? imageId, string? inputs = null)
    {
        foreach (var reference in image.PushOrder) ImageBuilt(reference, imageId, inputs);
    }

    /// <summary>The hash of the inputs of the image this run built (or found up to date) for the reference, or null.</summary>
    public string? InputsOf(string reference)
    {
        lock (gate) return entries.GetValueOrDefault(reference)?.Inputs;
    }

    /// <summary>The image ID a build of this run reported for the reference, or null.</summary>
    public string? ImageIdOf(string reference)
    {
        lock (gate) return entries.GetValueOrDefault(reference)?.ImageId;
    }

    /// <summary>What became of the reference so far, or null when nobody reported on it.</summary>
    public ReferenceStatus? StatusOf(string reference)
    {
        lock (gate) return entries.GetValueOrDefault(reference)?.Status;
    }

    /// <summary>The account of a publish of these references (<see cref="PushAccount.Describe"/>).</summary>
    public string Account(IReadOnlyList<string> references)
    {
        lock (gate) return PushAccount.Describe(references, StatusOf);
    }

    public void Pushed(string reference, string? digest) => Update(reference, e => e with { Status = ReferenceStatus.Pushed, Digest = digest, Reason = null });

    public void Skipped(string reference, string reason, string? digest = null, string? inputs = null) =>
        Update(reference, e => e with { Status = ReferenceStatus.Skipped, Reason = reason, Digest = digest ?? e.Digest, Inputs = inputs ?? e.Inputs });

    public void Failed(string reference, string reason) => Update(reference, e => e with { Status = ReferenceStatus.Failed, Reason = reason });

    /// <summary>Every reference of a version not yet settled (its build failed, or it was stopped) gets this status and reason.</summary>
    public void Settle(PythonVersion python, ReferenceStatus status, string reason)
    {
        lock (gate)
            foreach (var (_, reference, _) in planned.Where(p => p.Python == python))
                if (!entries.TryGetValue(reference, out var entry) || entry.Status is null)
                    entries[reference] = (entry ?? new Entry()) with { Status = status, Reason = reason };
    }

    /// <summary>The SmokeTest step's word on a version, e.g. "passed" or "failed: ..." (the field says "not run" until then).</summary>
    public void SmokeTested(PythonVersion python, string outcome)
    {
        lock (gate) smokeTests[python] = outcome;
    }

    /// <param name="unsettled">Why a reference nobody reported on was not pushed.</param>
    public PublishRecord Snapshot(bool succeeded, string unsettled)
    {
        lock (gate)
        {
            var versions = plan.Images.Select(image => new VersionRecord(
                image.Python,
                smokeTests.GetValueOrDefault(image.Python, PublishRecord.SmokeTestNotRun),
                planned.Where(p => p.Python == image.Python).Select(p =>
                {
                    var entry = entries.GetValueOrDefault(p.Reference) ?? new Entry();
                    return new ReferenceRecord(p.Reference, p.Kind, entry.ImageId, entry.Status ?? ReferenceStatus.NotPushed, entry.Digest,
                        entry.Status is null ? unsettled : entry.Reason) { Inputs = entry.Inputs };
                }).ToList())).ToList();
            return new PublishRecord(plan.Ref.ToString(), plan.Publish, plan.Reason, succeeded, versions);
        }
    }

    private void Update(string reference, Func<Entry, Entry> change)
    {
        lock (gate) entries[reference] = change(entries.GetValueOrDefault(reference) ?? new Entry());
    }

    private sealed record Entry
    {
        public string? ImageId { get; init; }
        public ReferenceStatus? Status { get; init; }
        public string? Digest { get; init; }
        public string? Reason { get; init; }
        public string? Inputs { get; init; }
    }
}
