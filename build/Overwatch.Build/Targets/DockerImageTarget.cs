using Overwatch.Build.Infrastructure.Docker;

namespace Overwatch.Build.Targets;

/// <summary>DockerImage: builds the app image of every planned Python version on its base image, with every planned tag.</summary>
public sealed class DockerImageTarget(BuildContext context)
{
    public void Run()
    {
        var (plan, docker) = (context.Plan, context.Docker);
        docker.EnsureDaemon();
        context.Images.LogIn();
        // A base image is reused from the registry when it is not local (CI machines do not build ROOT).
        var missing = plan.Images.Where(i => !docker.ImageExists(i.Base) && !docker.TryPull(i.Base)).ToList();
        if (missing.Count > 0)
            throw new DockerException(
                $"base image {missing[0].Base} is missing (not local, not in the registry): build it with ./build.sh --target=DockerBase" +
                string.Concat(missing.Select(m => $" --python-version={m.Python}")));
        foreach (var image in plan.Images)
        {
            var previous = image.References[0];
            var cacheFrom = docker.TryPull(previous) ? previous : null;
            if (cacheFrom is null) context.Log($"No previously published {previous} to reuse; building without a cache image.");
            context.Log($"Building {string.Join(", ", image.References)}");
            docker.Require(
                DockerCommands.Build(plan.AppImage.Dockerfile, plan.AppImage.Context, image.References, image.BuildArgs, image.Labels, cacheFrom),
                $"docker build of {image.References[0]}");
        }
    }
}
