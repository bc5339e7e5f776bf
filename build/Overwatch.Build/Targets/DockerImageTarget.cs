using Overwatch.Build.Images;
using Overwatch.Build.Infrastructure.Docker;

namespace Overwatch.Build.Targets;

/// <summary>DockerImage: builds the app image of every planned Python version on its base image, with every planned tag.</summary>
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
        foreach (var image in plan.Images.Where(i => !docker.ImageExists(i.Base)))
        {
            var outcome = pulls.Pull(image.Base);
            if (outcome.Succeeded) continue;
            var build = "./build.sh --target=DockerBase" +
                string.Concat(plan.Images.Where(i => !docker.ImageExists(i.Base)).Select(m => $" --python-version={m.Python}"));
            if (outcome.LastFailure!.Fault == RegistryFault.NotFound)
                throw new DockerException($"base image {image.Base} is missing (not local, not in the registry): build it with {build}");
            // Without credentials a registry cannot tell "missing" from "private": say both.
            if (pulls.Anonymous && outcome.LastFailure.Fault is RegistryFault.Unauthorized or RegistryFault.Denied)
                throw new DockerException(
                    $"base image {image.Base} is missing or private (not local; {outcome.LastFailure.Cause} without credentials): " +
                    $"build it with {build}, or export DOCKER_USERNAME and DOCKER_PASSWORD if it is private");
            throw new DockerException($"pull of base image {image.Base} failed: {outcome.Summary}; {outcome.LastFailure.Fix}");
        }
        foreach (var image in plan.Images)
        {
            var previous = image.References[0];
            var cache = pulls.Pull(previous);
            if (!cache.Succeeded)
                context.Log(cache.LastFailure!.Fault == RegistryFault.NotFound
                    ? $"No previously published {previous} to reuse; building without a cache image."
                    : $"Warning: could not pull {previous} to reuse its layers ({cache.Summary}); building without a cache image.");
            context.Log($"Building {string.Join(", ", image.References)}");
            docker.Require(
                DockerCommands.Build(plan.AppImage.Dockerfile, source?.Directory ?? plan.AppImage.Context, image.References, image.BuildArgs, image.Labels,
                    cache.Succeeded ? previous : null),
                $"docker build of {image.References[0]}");
        }
    }
}
