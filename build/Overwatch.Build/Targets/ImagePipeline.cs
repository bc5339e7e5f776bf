using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Images.Plan;

namespace Overwatch.Build.Targets;

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
        registryLogin();
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
            if (cacheFrom is null) log($"No previously published {previous} to reuse; building without a cache image.");
            log($"Building {string.Join(", ", image.References)}");
            docker.Require(
                DockerCommands.Build(plan.AppImage.Dockerfile, plan.AppImage.Context, image.References, image.BuildArgs, image.Labels, cacheFrom),
                $"docker build of {image.References[0]}");
        }
    }

    public void Push() => Push(plan.Images.SelectMany(i => i.References));

    public void PushBaseImages() => Push(plan.Images.Select(i => i.Base));

    private void Push(IEnumerable<string> references)
    {
        foreach (var reference in references)
        {
            log($"Pushing {reference}");
            docker.Require(DockerCommands.Push(reference), $"docker push of {reference}",
                "the registry refused the push; check that DOCKER_USERNAME may write to this repository");
        }
    }
}
