using Overwatch.Build.Infrastructure.Docker;

namespace Overwatch.Build.Targets;

/// <summary>DockerBase: builds the base image of every planned Python version (slow: ROOT compiles).</summary>
public sealed class DockerBaseTarget(BuildContext context)
{
    public void Run()
    {
        var (plan, docker) = (context.Plan, context.Docker);
        docker.EnsureDaemon();
        foreach (var image in plan.Images)
        {
            context.Log($"Building base image {image.Base}");
            docker.Require(
                DockerCommands.Build(plan.BaseImage.Dockerfile, plan.BaseImage.Context, [image.Base], image.BaseBuildArgs, image.Labels, cacheFrom: null),
                $"docker build of base image {image.Base}");
        }
    }
}
