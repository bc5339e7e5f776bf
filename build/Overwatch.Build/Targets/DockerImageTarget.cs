using Overwatch.Build.Images;
using Overwatch.Build.Images.Plan;
using Overwatch.Build.Images.Publish;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Targets;

/// <summary>
/// DockerImage: builds the app image of every planned Python version on its base image, with every planned tag
/// (<see cref="AppImageBuilder"/>). The versions run side by side (--parallel); a base or cache image that is not local
/// is pulled first. In a run that pushes, a version whose every tag the registry holds with an image of the current
/// inputs is not even looked at (<see cref="RegistryNoOp"/>).
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
        var (plan, docker, session, log) = (context.Plan, context.Docker, context.Images, context.Log);
        var pushes = context.Intent.Pushes && plan.Publish;
        // First, so a commit missing from the source stops the run before any pull.
        SourceContext.Check(plan.AppImage, context.SourceDir, plan.Commit, context.Runner);
        // One docker call for every image the lanes ask about; an unreachable daemon ends the run here, in one line,
        // before the login (which docker would attempt client-side, so its own failure cannot tell).
        var local = LocalImages.Inspect(docker, plan.Images.SelectMany(i => new[] { i.CurrentBase, i.Base }.Concat(i.References)));
        var recipe = ImageRecipeReader.Read(plan.AppImage);
        var requireCurrent = context.Arguments.Get(BuildArguments.RequireCurrentBase);
        // Before any pull: a version the registry already holds with images of the current inputs is left alone.
        RegistryNoOp.Decide(plan, pushes && !context.Intent.DryRun ? session.Login.Api : null, recipe, local, requireCurrent, session.Settled, session.Record, log);
        var images = session.Settled.Unsettled(plan.Images);
        // What the lanes will pull: a base or a previous image that is not local. Under BuildKit not the previous image:
        // the build imports its layer cache from the registry (asked only when it is not local, so a warm run does not).
        var pullsPrevious = images.Any(i => !local.Exists(i.References[0])) && !session.Builder.BuildKit;
        var missing = images.SelectMany(i => (pullsPrevious ? new[] { i.CurrentBase, i.References[0] } : [i.CurrentBase])
            .Where(r => !local.Exists(r)).Select(r => (i.Python.TagSuffix, r))).ToList();
        // A run that pushes and pulls logs in once, before the versions run side by side, so a private registry does
        // not refuse the pulls first; otherwise only a refused pull logs in here, and Push only when docker pushes.
        if (missing.Count > 0 && pushes) session.Login.LogIn();
        if (recipe.Unseen.Count > 0)
            log($"Building every version: the hash of the app image's inputs cannot see {string.Join("; ", recipe.Unseen)}.");
        using var pulls = new Puller(docker, session.Login.LogInForPull, log);
        var matrix = session.Matrix(LaneLoad.Io);
        // The pulls all started now, so they overlap with each other and with the builds; --parallel=1 pulls in the lanes.
        if (matrix.Parallel > 1) pulls.Ahead(missing);
        // Assembled by the first version that builds (git archive of the commit): a run that skips every build needs none.
        var source = new Lazy<SourceContext?>(() => SourceContext.Assemble(plan.AppImage, context.SourceDir, plan.Commit, context.Runner, log));
        var builder = new AppImageBuilder(plan, docker, session.Login, session.Record, new BaseImages(plan, docker, session.Login, pulls, log), pulls,
            local, recipe, requireCurrent, () => session.Builder.BuildKit, () => source.Value?.Directory ?? plan.AppImage.Context, images.Count, log);
        try
        {
            matrix.Run(images, "Build", builder.Build);
        }
        finally
        {
            if (source.IsValueCreated) source.Value?.Dispose();
        }
    }
}
