using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Overwatch.Build.Images.Plan;
using Overwatch.Build.Images.Publish;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Targets;

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
    public static string Inputs(BuildContext context, ImageRecipe recipe, ImagePlan image, string baseImage, string baseIdentity) =>
        AppInputs.Hash(recipe, context.Plan.AppImage.SourceTree is null ? null : context.Plan.Commit, BaseImages.BuildArgs(image, baseImage), image.Labels, baseIdentity);

    /// <summary>Decides which versions are settled, records them in the session and the publish record, and says so.</summary>
    public static void Decide(BuildContext context, ImageRecipe recipe, LocalImages local)
    {
        var (plan, session) = (context.Plan, context.Images);
        if (!context.Intent.Pushes || !plan.Publish || context.Intent.DryRun || recipe.Unseen.Count > 0 || session.RegistryApi is not { } api) return;
        var requireCurrent = context.Arguments.Get(BuildArguments.RequireCurrentBase);
        var lines = new ConcurrentDictionary<ImagePlan, string>();
        try
        {
            Parallel.ForEach(plan.Images, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, plan.Images.Count) }, image =>
            {
                if (Check(context, api, recipe, local, image, requireCurrent) is { } line) lines[image] = line;
            });
        }
        catch (AggregateException e)
        {
            // Only an interrupt ends a question early: it goes on as itself.
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        foreach (var image in plan.Images)
            if (lines.TryGetValue(image, out var line)) context.Log($"[{image.Python.TagSuffix}] {line}");
    }

    private static string? Check(BuildContext context, RegistryClient api, ImageRecipe recipe, LocalImages local, ImagePlan image, bool requireCurrent)
    {
        if (BaseIdentity.Choose(image, requireCurrent, local, api.Manifest) is not { } chosen) return null;
        if (BaseIdentity.Of(local.Find(chosen.Reference), chosen.Registry) is not { } baseIdentity) return null;
        var inputs = Inputs(context, recipe, image, chosen.Reference, baseIdentity);
        var tags = new List<PublishedTag>();
        foreach (var reference in image.PushOrder)
        {
            var tag = Published(api, reference);
            // The first tag that misses decides: the others need not be asked.
            if (InputsVerdict.Missing(inputs, tag) is { } why) return $"To build (inputs {inputs[..12]}): {why}.";
            tags.Add(tag);
        }
        context.Images.Settled.Add(image.Python, inputs);
        var record = context.Images.Record;
        foreach (var tag in tags) record?.Skipped(tag.Reference, Reason, tag.Digest, inputs);
        record?.SmokeTested(image.Python, SmokeTestNotNeeded);
        return $"Up to date in the registry (inputs {inputs[..12]}): {string.Join(", ", tags.Select(t => $"{t.Reference} ({t.Digest})"))}; " +
            "nothing pulled, built, smoke-tested or pushed.";
    }

    private static PublishedTag Published(RegistryClient api, string reference)
    {
        var lookup = api.Manifest(reference);
        if (lookup.Manifest is not { } manifest) return lookup.Unknown is { } why ? PublishedTag.Unsure(reference, why) : PublishedTag.Absent(reference);
        var (labels, unknown) = api.Labels(reference, manifest);
        return labels is null ? PublishedTag.Unsure(reference, unknown!) : new PublishedTag(reference, manifest.Digest, labels.GetValueOrDefault(AppInputs.Label));
    }
}
