using Overwatch.Build.Infrastructure.Docker;

namespace Overwatch.Build.Targets;

/// <summary>DockerBase: builds the base image of every planned Python version (slow: ROOT compiles), versions side by side (--parallel).</summary>
public sealed class DockerBaseTarget(BuildContext context)
{
    public void Run()
    {
        var (plan, docker) = (context.Plan, context.Docker);
        docker.EnsureDaemon();
        var progress = new StepProgress(plan.Images.Count, context.Log);
        VersionMatrix.For(context).Run(plan.Images, "Base build", image =>
        {
            progress.Start($"building base image {image.Base}");
            docker.Require(
                DockerCommands.Build(plan.BaseImage.Dockerfile, plan.BaseImage.Context, [image.Base], image.BaseBuildArgs, image.Labels, cacheFrom: null),
                $"docker build of base image {image.Base}");
            context.Images.Record?.ImageBuilt(image.Base, docker.ImageId(image.Base));
        });
    }
}
