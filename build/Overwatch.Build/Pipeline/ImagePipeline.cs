using Overwatch.Build.Docker;
using Overwatch.Build.Plan;

namespace Overwatch.Build.Pipeline;

/// <summary>Carries out a build plan with the docker CLI: base images, app images, pushes.</summary>
public sealed class ImagePipeline(BuildPlan plan, DockerCli docker, Action<string> log)
{
    public void BuildBaseImages()
    {
        docker.EnsureDaemon();
        foreach (var image in plan.Images)
        {
            log($"Building base image {image.Base}");
            docker.Require(
                DockerCommands.Build(plan.BaseImage.Dockerfile, plan.BaseImage.Context, [image.Base], image.BaseBuildArgs, image.Labels, cacheFrom: null),
                $"docker build of base image {image.Base}");
        }
    }

    /// <param name="registryLogin">Opens the registry session when credentials exist, so cache pulls of private images work.</param>
    public void BuildAppImages(Action registryLogin)
    {
        docker.EnsureDaemon();
        var missing = plan.Images.Where(i => !docker.ImageExists(i.Base)).Select(i => i.Base).ToList();
        if (missing.Count > 0)
            throw new DockerException(
                $"base image {missing[0]} is missing: build it with ./build.sh --target=DockerBase" +
                string.Concat(missing.Select(m => $" --python-version={plan.Images.First(i => i.Base == m).Python}")));

        registryLogin();
        foreach (var image in plan.Images)
        {
            var previous = image.References[0];
            var cacheFrom = docker.TryPull(previous) ? previous : null;
            log($"Building {string.Join(", ", image.References)}");
            docker.Require(
                DockerCommands.Build(plan.AppImage.Dockerfile, plan.AppImage.Context, image.References, image.BuildArgs, image.Labels, cacheFrom),
                $"docker build of {image.References[0]}");
        }
    }

    public void Push()
    {
        foreach (var reference in plan.Images.SelectMany(i => i.References))
        {
            log($"Pushing {reference}");
            docker.Require(DockerCommands.Push(reference), $"docker push of {reference}",
                "the registry refused the push; check that DOCKER_USERNAME may write to this repository");
        }
    }
}
