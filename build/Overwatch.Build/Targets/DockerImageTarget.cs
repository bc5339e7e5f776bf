using Overwatch.Build.Images;
using Overwatch.Build.Images.Plan;
using Overwatch.Build.Infrastructure.Docker;

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
        docker.EnsureDaemon();
        // First, so a commit missing from the source stops the run before any pull.
        using var source = SourceContext.Assemble(plan.AppImage, context.SourceDir, plan.Commit, context.Runner, context.Log);
        var pulls = new Puller(docker, context.Images.LogInForPull, context.Log);
        // A base image is reused from the registry when it is not local (CI machines do not build ROOT).
        var missingBases = plan.Images.Where(i => !docker.ImageExists(i.Base)).Select(i => i.Base).ToHashSet(StringComparer.Ordinal);
        var progress = new StepProgress(missingBases.Count + 2 * plan.Images.Count, context.Log);
        VersionMatrix.For(context).Run(plan.Images, "Build", image =>
        {
            if (missingBases.Contains(image.Base)) PullBase(pulls, progress, image, missingBases);
            Build(pulls, progress, image, source?.Directory ?? plan.AppImage.Context);
        });
    }

    private void PullBase(Puller pulls, StepProgress progress, ImagePlan image, IReadOnlySet<string> missingBases)
    {
        progress.Start($"pulling base image {image.Base}");
        var outcome = pulls.Pull(image.Base);
        if (outcome.Succeeded) return;
        var build = "./build.sh --target=DockerBase" +
            string.Concat(context.Plan.Images.Where(i => missingBases.Contains(i.Base)).Select(m => $" --python-version={m.Python}"));
        if (outcome.LastFailure!.Fault == RegistryFault.NotFound)
            throw new DockerException($"base image {image.Base} is missing (not local, not in the registry): build it with {build}");
        // Without credentials a registry cannot tell "missing" from "private": say both.
        if (pulls.Anonymous && outcome.LastFailure.Fault is RegistryFault.Unauthorized or RegistryFault.Denied)
            throw new DockerException(
                $"base image {image.Base} is missing or private (not local; {outcome.LastFailure.Cause} without credentials): " +
                $"build it with {build}, or export DOCKER_USERNAME and DOCKER_PASSWORD if it is private");
        throw new DockerException($"pull of base image {image.Base} failed: {outcome.Summary}; {outcome.LastFailure.Fix}");
    }

    private void Build(Puller pulls, StepProgress progress, ImagePlan image, string buildContext)
    {
        var (plan, docker) = (context.Plan, context.Docker);
        var previous = image.References[0];
        progress.Start($"pulling {previous} to reuse its layers");
        var cache = pulls.Pull(previous);
        if (!cache.Succeeded)
            context.Log(cache.LastFailure!.Fault == RegistryFault.NotFound
                ? $"No previously published {previous} to reuse; building without a cache image."
                : $"Warning: could not pull {previous} to reuse its layers ({cache.Summary}); building without a cache image.");
        progress.Start($"building {string.Join(", ", image.References)}");
        docker.Require(
            DockerCommands.Build(plan.AppImage.Dockerfile, buildContext, image.References, image.BuildArgs, image.Labels,
                cache.Succeeded ? previous : null),
            $"docker build of {image.References[0]}");
        var id = docker.ImageId(image.References[0]);
        context.Images.Record?.ImageBuilt(image, id);
        context.Log($"Built {image.References[0]} (image {id}).");
    }
}
