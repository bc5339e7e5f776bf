using Overwatch.Build.Images.Publish;
using Overwatch.Build.Infrastructure.Docker;

namespace Overwatch.Build.Targets;

/// <summary>
/// DockerBase: builds the base image of every planned Python version (slow: ROOT compiles), versions side by side
/// (--parallel), tagged pyX.Y.Z-HASH (the hash of its inputs) and pyX.Y.Z; skipped when the base of those inputs
/// exists locally or in the registry.
/// </summary>
public sealed class DockerBaseTarget(BuildContext context)
{
    public void Run()
    {
        var (plan, docker, session) = (context.Plan, context.Docker, context.Images);
        var bases = new BaseImages(plan, docker, session.Login, context.Log);
        var progress = new StepProgress(plan.Images.Count, context.Log);
        session.Matrix().Run(plan.Images, "Base build", image =>
        {
            switch (bases.FindCurrent(image))
            {
                case BaseLocation.Local:
                    context.Log($"Base image {image.CurrentBase} of the current inputs is local: not rebuilt.");
                    docker.Require(DockerCommands.Tag(image.CurrentBase, image.Base), $"docker tag of {image.Base}");
                    return;
                case BaseLocation.InRegistry:
                    context.Log($"Base image {image.CurrentBase} of the current inputs is in the registry: not rebuilt (DockerImage pulls it).");
                    return;
            }
            progress.Start($"building base image {image.CurrentBase}");
            var id = ImageBuild.Run(docker, idFile =>
                    DockerCommands.Build(plan.BaseImage.Dockerfile, plan.BaseImage.Context, [image.CurrentBase, image.Base], image.BaseBuildArgs, image.Labels,
                        cacheFrom: null, idFile, plainProgress: session.Builder.BuildKit),
                $"docker build of base image {image.CurrentBase}");
            session.Record.ImageBuilt(image.Base, id);
        });
    }
}
