using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Targets;

/// <summary>DockerImage: builds the app image of every planned Python version on its base image, with every planned tag.</summary>
public sealed class DockerImageTarget(BuildContext context)
{
    public void Run()
    {
        var (plan, docker) = (context.Plan, context.Docker);
        var pulls = new Puller(docker, context.Images.LogInForPull, context.Log)
        {
            BeforeFirstPull = () => context.Images.LogInIfPushing(context.IsScheduled(TargetNames.Push)),
        };
        // The base of the current inputs, else the published pyX.Y.Z with a warning (CI machines do not build ROOT).
        var bases = new BaseImages(context, pulls);
        var requireCurrent = context.Arguments.Get(BuildArguments.RequireCurrentBase);
        var baseOf = plan.Images.ToDictionary(i => i.Python, i => bases.ForApp(i, requireCurrent));
        foreach (var image in plan.Images)
        {
            var previous = image.References[0];
            var cache = pulls.PullUnlessLocal(previous);
            if (!cache.Succeeded)
                context.Log(cache.LastFailure!.Fault == RegistryFault.NotFound
                    ? $"No previously published {previous} to reuse; building without a cache image."
                    : $"Warning: could not pull {previous} to reuse its layers ({cache.Summary}); building without a cache image.");
            context.Log($"Building {string.Join(", ", image.References)}");
            docker.Require(
                DockerCommands.Build(plan.AppImage.Dockerfile, plan.AppImage.Context, image.References, BaseImages.BuildArgs(image, baseOf[image.Python]), image.Labels,
                    cache.Succeeded ? previous : null),
                $"docker build of {image.References[0]}");
        }
    }
}
