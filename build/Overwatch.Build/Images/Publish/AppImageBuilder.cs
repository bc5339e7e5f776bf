using Overwatch.Build.Images.Plan;
using Overwatch.Build.Infrastructure.Docker;

namespace Overwatch.Build.Images.Publish;

/// <summary>
/// The lane step of DockerImage for one Python version: on its base image (<see cref="BaseImages.ForApp"/>), it is up to
/// date when every planned tag is a local image labelled with the hash of the current inputs (<see cref="AppInputs"/>);
/// else it is built with every tag, the previous image of the first tag as --cache-from (the legacy builder needs it
/// pulled; BuildKit reads its inline cache from the registry).
/// </summary>
/// <param name="buildKit">Whether the run's builder is BuildKit: asked at the first build, not before.</param>
/// <param name="buildContext">The directory to build from: assembled by the first version that builds.</param>
/// <param name="versions">How many versions the lanes build, for the step count.</param>
public sealed class AppImageBuilder(BuildPlan plan, DockerCli docker, RegistryLogin login, PublishRecorder record, BaseImages bases, Puller pulls,
    LocalImages local, ImageRecipe recipe, bool requireCurrent, Func<bool> buildKit, Func<string> buildContext, int versions, Action<string> log)
{
    // A legacy build is two steps (the cache pull, the build), a BuildKit build one; the builder is asked at the first.
    private readonly Lazy<StepProgress> progress = new(() => new StepProgress((buildKit() ? 1 : 2) * versions, log));

    public void Build(ImagePlan image)
    {
        var baseImage = bases.ForApp(image, requireCurrent, local);
        var inputs = recipe.Unseen.Count > 0 ? null : Inputs(image, baseImage);
        if (inputs is not null && UpToDate(image, inputs) is { } id)
        {
            record.ImageBuilt(image, id, inputs);
            log($"Up to date (inputs {inputs[..12]}): {string.Join(", ", image.References)} (image {id}); no cache pull, no build.");
            return;
        }
        Build(image, baseImage, inputs);
    }

    /// <summary>The hash of this version's inputs; null when its base has no identity to hash (then it is built).</summary>
    private string? Inputs(ImagePlan image, string baseImage)
    {
        // A base pulled in this run was not local when the run started: ask again.
        var found = local.Find(baseImage) ?? local.Refresh(baseImage);
        var registry = login.Api?.Manifest(baseImage) ?? TagLookup.Unsure("no credentials");
        return BaseIdentity.Of(found, registry) is { } baseIdentity ? RegistryNoOp.Inputs(plan, recipe, image, baseImage, baseIdentity) : null;
    }

    /// <summary>The image ID when every planned tag is one local image carrying the inputs label of this hash, else null.</summary>
    private string? UpToDate(ImagePlan image, string inputs)
    {
        var tagged = image.References.Select(local.Find).ToList();
        if (tagged.Any(i => i is null || !i.Labels.TryGetValue(AppInputs.Label, out var value) || value != inputs)) return null;
        return tagged.Select(i => i!.Id).Distinct().Count() == 1 ? tagged[0]!.Id : null;
    }

    private void Build(ImagePlan image, string baseImage, string? inputs)
    {
        var previous = image.References[0];
        var kit = buildKit();
        string? cacheFrom;
        if (kit)
        {
            // BuildKit reads the previous image's layer cache from the registry (the image carries it inline), with the
            // credentials of the CLI that runs the build: the run's login, when it has credentials.
            login.LogInForPull();
            log($"Reusing the layers of {previous} from the registry (BuildKit imports its inline cache; nothing pulled).");
            cacheFrom = previous;
        }
        else
        {
            progress.Value.Start($"pulling {previous} to reuse its layers");
            cacheFrom = CacheImage(previous) ? previous : null;
        }
        var labels = inputs is null
            ? image.Labels
            : new SortedDictionary<string, string>(image.Labels.Where(l => l.Key != AppInputs.Label).ToDictionary(), StringComparer.Ordinal) { [AppInputs.Label] = inputs };
        var directory = buildContext();
        progress.Value.Start($"building {string.Join(", ", image.References)}");
        var id = ImageBuild.Run(docker, idFile =>
                DockerCommands.Build(plan.AppImage.Dockerfile, directory, image.References, BaseImages.BuildArgs(image, baseImage), labels,
                    cacheFrom, idFile, plainProgress: kit, inlineCache: kit),
            $"docker build of {image.References[0]}");
        record.ImageBuilt(image, id, inputs);
        log($"Built {image.References[0]} (image {id}).");
    }

    /// <summary>
    /// Whether <paramref name="previous"/> can be the image to build --cache-from: a local image of the tag already
    /// holds its layers (the previous build on this machine), so the registry is asked only when there is none.
    /// </summary>
    private bool CacheImage(string previous)
    {
        if (local.Exists(previous))
        {
            log($"Using the local {previous} as the cache image.");
            return true;
        }
        var cache = pulls.Pull(previous);
        if (!cache.Succeeded)
            log(cache.LastFailure!.Fault == RegistryFault.NotFound
                ? $"No previously published {previous} to reuse; building without a cache image."
                : $"Warning: could not pull {previous} to reuse its layers ({cache.Summary}); building without a cache image.");
        return cache.Succeeded;
    }
}
