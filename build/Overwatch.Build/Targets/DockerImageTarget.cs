using Overwatch.Build.Images;
using Overwatch.Build.Images.Plan;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Targets;

/// <summary>
/// DockerImage: builds the app image of every planned Python version on its base image, with every planned tag.
/// The versions run side by side (--parallel); a base image that is not local is pulled first in its lane. The previous
/// image of a tag is the build's --cache-from: the legacy builder needs it pulled; BuildKit reads its inline cache from
/// the registry, and the pushed images carry that cache, so a fresh runner reruns no step before a change. A version
/// whose every tag is a local image labelled with the hash of the current inputs (<see cref="AppInputs"/>) is not
/// built again, nor is its cache image pulled; in a run that pushes, one whose every tag the registry holds with an
/// image of those inputs is not even looked at (<see cref="RegistryNoOp"/>).
/// </summary>
public sealed class DockerImageTarget(BuildContext context)
{
    /// <summary>The task's criteria: SmokeTest --image tests an existing image, so there is nothing to build (said in one line).</summary>
    public static bool IsDue(BuildContext context)
    {
        if (context.Images.Named is not { } named) return true;
        context.Log($"Not building: {NamedImage.NotBuilding} ({named}).");
        return false;
    }

    public void Run()
    {
        var (plan, docker) = (context.Plan, context.Docker);
        // First, so a commit missing from the source stops the run before any pull.
        SourceContext.Check(plan.AppImage, context.SourceDir, plan.Commit, context.Runner);
        // One docker call for every image the lanes ask about; an unreachable daemon ends the run here, in one line,
        // before the login (which docker would attempt client-side, so its own failure cannot tell).
        var local = LocalImages.Inspect(docker, plan.Images.SelectMany(i => new[] { i.CurrentBase, i.Base }.Concat(i.References)));
        var recipe = ImageRecipeReader.Read(plan.AppImage);
        // Before any pull: a version the registry already holds with images of the current inputs is left alone.
        RegistryNoOp.Decide(context, recipe, local);
        var images = context.Images.Settled.Unsettled(plan.Images);
        // What the lanes will pull: a base or a previous image that is not local. Under BuildKit not the previous image:
        // the build imports its layer cache from the registry (asked only when it is not local, so a warm run does not).
        var pullsPrevious = images.Any(i => !local.Exists(i.References[0])) && !context.Images.Builder.BuildKit;
        var missing = images.SelectMany(i => (pullsPrevious ? new[] { i.CurrentBase, i.References[0] } : [i.CurrentBase])
            .Where(r => !local.Exists(r)).Select(r => (i.Python.TagSuffix, r))).ToList();
        // A run that pushes and pulls logs in once, before the versions run side by side, so a private registry does
        // not refuse the pulls first; otherwise only a refused pull logs in here, and Push only when docker pushes.
        if (missing.Count > 0 && context.Intent.Pushes && context.Plan.Publish) context.Images.LogIn();
        if (recipe.Unseen.Count > 0)
            context.Log($"Building every version: the hash of the app image's inputs cannot see {string.Join("; ", recipe.Unseen)}.");
        using var pulls = new Puller(docker, context.Images.LogInForPull, context.Log);
        var matrix = VersionMatrix.For(context, LaneLoad.Io);
        // The pulls all started now, so the pulls of a version overlap with each other and with the builds of the
        // others; --parallel=1 pulls in the lanes.
        if (matrix.Parallel > 1) pulls.Ahead(missing);
        // The base of the current inputs, else the published pyX.Y.Z with a warning (CI machines do not build ROOT).
        var bases = new BaseImages(context, pulls);
        var requireCurrent = context.Arguments.Get(BuildArguments.RequireCurrentBase);
        // A legacy build is two steps (the cache pull, the build), a BuildKit build one; the builder is asked at the first.
        var progress = new Lazy<StepProgress>(() => new StepProgress((context.Images.Builder.BuildKit ? 1 : 2) * images.Count, context.Log));
        // Assembled by the first version that builds (git archive of the commit): a run that skips every build needs none.
        var source = new Lazy<SourceContext?>(() => SourceContext.Assemble(plan.AppImage, context.SourceDir, plan.Commit, context.Runner, context.Log));
        try
        {
            matrix.Run(images, "Build", image =>
            {
                var baseImage = bases.ForApp(image, requireCurrent, local);
                var inputs = recipe.Unseen.Count > 0 ? null : Inputs(local, recipe, image, baseImage);
                if (inputs is not null && UpToDate(local, image, inputs) is { } id)
                {
                    context.Images.Record?.ImageBuilt(image, id, inputs);
                    context.Log($"Up to date (inputs {inputs[..12]}): {string.Join(", ", image.References)} (image {id}); no cache pull, no build.");
                    return;
                }
                Build(pulls, local, progress, image, baseImage, inputs, () => source.Value?.Directory ?? plan.AppImage.Context);
            });
        }
        finally
        {
            if (source.IsValueCreated) source.Value?.Dispose();
        }
    }

    /// <summary>The hash of this version's inputs; null when its base has no identity to hash (then it is built).</summary>
    private string? Inputs(LocalImages local, ImageRecipe recipe, ImagePlan image, string baseImage)
    {
        // A base pulled in this run was not local when the run started: ask again.
        var found = local.Find(baseImage) ?? local.Refresh(baseImage);
        var registry = context.Images.RegistryApi?.Manifest(baseImage) ?? TagLookup.Unsure("no credentials");
        return BaseIdentity.Of(found, registry) is { } baseIdentity ? RegistryNoOp.Inputs(context, recipe, image, baseImage, baseIdentity) : null;
    }

    /// <summary>The image ID when every planned tag is one local image carrying the inputs label of this hash, else null.</summary>
    private static string? UpToDate(LocalImages local, ImagePlan image, string inputs)
    {
        var tagged = image.References.Select(local.Find).ToList();
        if (tagged.Any(i => i is null || !i.Labels.TryGetValue(AppInputs.Label, out var value) || value != inputs)) return null;
        return tagged.Select(i => i!.Id).Distinct().Count() == 1 ? tagged[0]!.Id : null;
    }

    private void Build(Puller pulls, LocalImages local, Lazy<StepProgress> progress, ImagePlan image, string baseImage, string? inputs, Func<string> buildContext)
    {
        var (plan, docker) = (context.Plan, context.Docker);
        var previous = image.References[0];
        var buildKit = context.Images.Builder.BuildKit;
        string? cacheFrom;
        if (buildKit)
        {
            // BuildKit reads the previous image's layer cache from the registry (the image carries it inline), with the
            // credentials of the CLI that runs the build: the run's login, when it has credentials.
            context.Images.LogInForPull();
            context.Log($"Reusing the layers of {previous} from the registry (BuildKit imports its inline cache; nothing pulled).");
            cacheFrom = previous;
        }
        else
        {
            progress.Value.Start($"pulling {previous} to reuse its layers");
            cacheFrom = CacheImage(pulls, local, previous) ? previous : null;
        }
        var labels = inputs is null
            ? image.Labels
            : new SortedDictionary<string, string>(image.Labels.Where(l => l.Key != AppInputs.Label).ToDictionary(), StringComparer.Ordinal) { [AppInputs.Label] = inputs };
        var directory = buildContext();
        progress.Value.Start($"building {string.Join(", ", image.References)}");
        var id = ImageBuild.Run(docker, idFile =>
                DockerCommands.Build(plan.AppImage.Dockerfile, directory, image.References, BaseImages.BuildArgs(image, baseImage), labels,
                    cacheFrom, idFile, plainProgress: buildKit, inlineCache: buildKit),
            $"docker build of {image.References[0]}");
        context.Images.Record?.ImageBuilt(image, id, inputs);
        context.Log($"Built {image.References[0]} (image {id}).");
    }

    /// <summary>
    /// Whether <paramref name="previous"/> can be the image to build --cache-from: a local image of the tag already
    /// holds its layers (the previous build on this machine), so the registry is asked only when there is none.
    /// </summary>
    private bool CacheImage(Puller pulls, LocalImages local, string previous)
    {
        if (local.Exists(previous))
        {
            context.Log($"Using the local {previous} as the cache image.");
            return true;
        }
        var cache = pulls.Pull(previous);
        if (!cache.Succeeded)
            context.Log(cache.LastFailure!.Fault == RegistryFault.NotFound
                ? $"No previously published {previous} to reuse; building without a cache image."
                : $"Warning: could not pull {previous} to reuse its layers ({cache.Summary}); building without a cache image.");
        return cache.Succeeded;
    }
}
