using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Overwatch.Build.Images.Plan;
using Overwatch.Build.Infrastructure.Docker;

namespace Overwatch.Build.Images.Publish;

/// <summary>
/// Nothing to do is decided in the registry, where a fresh CI runner finds what an earlier run published: before
/// DockerImage pulls or builds, a run that pushes asks the registry what each planned tag holds (its manifest, then
/// its image config's labels). A version whose every tag holds an image labelled with the current inputs
/// (<see cref="AppInputs"/>) is pulled, built, smoke-tested and pushed no more; publish.json says so per reference.
/// The inputs name the base by its config digest (<see cref="BaseIdentity"/>), which the registry tells without a pull.
/// </summary>
public static class RegistryNoOp
{
    public const string Reason = "the registry already holds an image of the current inputs: nothing pulled, built, smoke-tested or pushed";

    /// <summary>The version's smokeTest in publish.json.</summary>
    public const string SmokeTestNotNeeded = "not run: the registry holds these inputs";

    /// <summary>The hash of a version's inputs on the given base (its reference goes in as BASE_IMAGE, its config digest as the base).</summary>
    public static string Inputs(BuildPlan plan, ImageRecipe recipe, ImagePlan image, string baseImage, string baseIdentity) =>
        AppInputs.Hash(recipe, plan.AppImage.SourceTree is null ? null : plan.Commit, BaseImages.BuildArgs(image, baseImage), image.Labels, baseIdentity);

    /// <summary>Decides which versions are settled, records them as settled and in the publish record, and says so.</summary>
    /// <param name="api">The registry's API when the run pushes (asked only then), else null: nothing is settled.</param>
    public static void Decide(BuildPlan plan, RegistryClient? api, ImageRecipe recipe, LocalImages local, bool requireCurrent,
        SettledVersions settled, PublishRecorder record, Action<string> log)
    {
        if (recipe.Unseen.Count > 0 || api is null) return;
        var lines = new ConcurrentDictionary<ImagePlan, string>();
        try
        {
            Parallel.ForEach(plan.Images, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, plan.Images.Count) }, image =>
            {
                if (Check(plan, api, recipe, local, image, requireCurrent, settled, record) is { } line) lines[image] = line;
            });
        }
        catch (AggregateException e)
        {
            // Only an interrupt ends a question early: it goes on as itself.
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        foreach (var image in plan.Images)
            if (lines.TryGetValue(image, out var line)) log($"[{image.Python.TagSuffix}] {line}");
    }

    private static string? Check(BuildPlan plan, RegistryClient api, ImageRecipe recipe, LocalImages local, ImagePlan image, bool requireCurrent,
        SettledVersions settled, PublishRecorder record)
    {
        if (BaseIdentity.Choose(image, requireCurrent, local, api.Manifest) is not { } chosen) return null;
        if (BaseIdentity.Of(local.Find(chosen.Reference), chosen.Registry) is not { } baseIdentity) return null;
        var inputs = Inputs(plan, recipe, image, chosen.Reference, baseIdentity);
        var tags = new List<PublishedTag>();
        foreach (var reference in image.PushOrder)
        {
            var tag = Published(api, reference);
            // The first tag that misses decides: the others need not be asked.
            if (InputsVerdict.Missing(inputs, tag) is { } why) return $"To build (inputs {inputs[..12]}): {why}.";
            tags.Add(tag);
        }
        settled.Add(image.Python, inputs);
        foreach (var tag in tags) record.Skipped(tag.Reference, Reason, tag.Digest, inputs);
        record.SmokeTested(image.Python, SmokeTestNotNeeded);
        return $"Up to date in the registry (inputs {inputs[..12]}): {string.Join(", ", tags.Select(t => $"{t.Reference} ({t.Digest})"))}; " +
            "nothing pulled, built, smoke-tested or pushed.";
    }

    private static PublishedTag Published(RegistryClient api, string reference)
    {
        var lookup = api.Manifest(reference);
        if (lookup.Manifest is not { } manifest) return lookup.Unknown is { } why ? PublishedTag.Unsure(reference, why) : PublishedTag.Absent(reference);
        var label = RegistryLabel.Read(api, reference, manifest, AppInputs.Label);
        return label.Unreadable is { } unreadable ? PublishedTag.Unsure(reference, unreadable) : new PublishedTag(reference, manifest.Digest, label.Value);
    }
}
