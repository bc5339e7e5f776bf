using Overwatch.Build.Images;
using Overwatch.Build.Images.Plan;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Targets;

/// <summary>
/// DockerImage: builds the app image of every planned Python version on its base image, with every planned tag.
/// The versions run side by side (--parallel); a base image that is not local is pulled first in its lane.
/// </summary>
public sealed class DockerImageTarget(BuildContext context)
{
    public void Run()
    {
        var (plan, docker) = (context.Plan, context.Docker);
        // First, so a commit missing from the source stops the run before any pull.
        using var source = SourceContext.Assemble(plan.AppImage, context.SourceDir, plan.Commit, context.Runner, context.Log);
        // One docker call for every image the lanes ask about; an unreachable daemon ends the run here, in one line,
        // before the login (which docker would attempt client-side, so its own failure cannot tell).
        var local = LocalImages.Inspect(docker, plan.Images.SelectMany(i => new[] { i.CurrentBase, i.Base }.Concat(i.References)));
        // A run that pushes logs in once, before the versions run side by side; a run that does not logs in only
        // when a pull is refused.
        if (context.IsScheduled(TargetNames.Push) && context.Plan.Publish) context.Images.LogIn();
        var pulls = new Puller(docker, context.Images.LogInForPull, context.Log);
        // The base of the current inputs, else the published pyX.Y.Z with a warning (CI machines do not build ROOT).
        var bases = new BaseImages(context, pulls);
        var requireCurrent = context.Arguments.Get(BuildArguments.RequireCurrentBase);
        var progress = new StepProgress(2 * plan.Images.Count, context.Log);
        VersionMatrix.For(context).Run(plan.Images, "Build", image =>
            Build(pulls, local, progress, image, bases.ForApp(image, requireCurrent, local), source?.Directory ?? plan.AppImage.Context));
    }

    private void Build(Puller pulls, LocalImages local, StepProgress progress, ImagePlan image, string baseImage, string buildContext)
    {
        var (plan, docker) = (context.Plan, context.Docker);
        var previous = image.References[0];
        progress.Start($"pulling {previous} to reuse its layers");
        var cached = CacheImage(pulls, local, previous);
        progress.Start($"building {string.Join(", ", image.References)}");
        var id = ImageBuild.Run(docker, idFile =>
                DockerCommands.Build(plan.AppImage.Dockerfile, buildContext, image.References, BaseImages.BuildArgs(image, baseImage), image.Labels,
                    cached ? previous : null, idFile),
            $"docker build of {image.References[0]}");
        context.Images.Record?.ImageBuilt(image, id);
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
