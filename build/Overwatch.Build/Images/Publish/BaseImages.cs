using Overwatch.Build.Images.Plan;
using Overwatch.Build.Infrastructure.Docker;

namespace Overwatch.Build.Images.Publish;

/// <summary>
/// Finds the base image of the current inputs (pyX.Y.Z-HASH) locally or in the registry: DockerBase skips the
/// build when it exists, PublishBase the push when the registry holds it, and DockerImage builds on it. A base
/// with only the floating tag (pyX.Y.Z, e.g. the published one) still serves DockerImage, with a warning, unless
/// --require-current-base.
/// </summary>
public sealed class BaseImages(BuildPlan plan, DockerCli docker, RegistryLogin login, Puller pulls, Action<string> log)
{
    private DockerCli Docker => docker;

    /// <summary>Bases that are only looked up, never pulled (DockerBase, PublishBase).</summary>
    public BaseImages(BuildPlan plan, DockerCli docker, RegistryLogin login, Action<string> log)
        : this(plan, docker, login, new Puller(docker, login.LogInForPull, log), log)
    {
    }

    /// <summary>Where the base of the current inputs is; <see cref="BaseLocation.Nowhere"/> when it must be built.</summary>
    public BaseLocation FindCurrent(ImagePlan image)
    {
        if (Docker.ImageExists(image.CurrentBase)) return BaseLocation.Local;
        return InRegistry(image.CurrentBase) ? BaseLocation.InRegistry : BaseLocation.Nowhere;
    }

    /// <summary>
    /// True when the registry holds the reference. Asked anonymously first, with the run's login when refused; a
    /// registry that cannot be asked counts as not holding it (a build or push too many, never one too few).
    /// </summary>
    public bool InRegistry(string reference)
    {
        var registry = plan.Registry;
        var spec = DockerCommands.ManifestInspect(reference, RegistryHost.IsLoopback(registry));
        var outcome = Docker.Registry(spec, $"lookup of {reference}", quiet: true);
        if (!outcome.Succeeded && outcome.LastFailure!.Fault is RegistryFault.Unauthorized or RegistryFault.Denied
            && login.LogInForPull() == true)
            outcome = Docker.Registry(spec, $"lookup of {reference}", quiet: true);
        if (!outcome.Succeeded && outcome.LastFailure!.Fault != RegistryFault.NotFound)
            log($"Warning: could not ask {registry} for {reference} ({outcome.Summary}); treating it as absent.");
        return outcome.Succeeded;
    }

    /// <summary>The base DockerImage builds this image on: the current one, else the floating tag with a warning.</summary>
    public string ForApp(ImagePlan image, bool requireCurrent, LocalImages local)
    {
        if (local.Exists(image.CurrentBase)) return image.CurrentBase;
        var current = pulls.Pull(image.CurrentBase);
        if (current.Succeeded) return image.CurrentBase;
        var rebuild = $"./build.sh --target=DockerBase --python-version={image.Python}";
        var dockerfile = Path.GetFileName(plan.BaseImage.Dockerfile);
        if (requireCurrent)
            throw new DockerException(
                $"base image {image.CurrentBase} of the current inputs of {dockerfile} is neither local nor in the registry ({current.Summary}) and " +
                $"--require-current-base is set: build it with {rebuild} (PublishBase also pushes it)");

        if (!local.Exists(image.Base))
        {
            var outcome = pulls.Pull(image.Base);
            if (!outcome.Succeeded) throw Missing(image, outcome, rebuild);
        }
        log($"Warning: building on {image.Base}, which may not match {dockerfile} (no {image.CurrentBase} of its current inputs): {rebuild} rebuilds it.");
        return image.Base;
    }

    /// <summary>The app image's build arguments with BASE_IMAGE naming the base it is built on.</summary>
    public static IReadOnlyDictionary<string, string> BuildArgs(ImagePlan image, string baseImage) =>
        new SortedDictionary<string, string>(image.BuildArgs.ToDictionary(), StringComparer.Ordinal) { ["BASE_IMAGE"] = baseImage };

    private DockerException Missing(ImagePlan image, RegistryOutcome outcome, string rebuild)
    {
        if (outcome.LastFailure!.Fault == RegistryFault.NotFound)
            return new DockerException($"base image {image.Base} is missing (not local, not in the registry, nor is {image.CurrentBase}): build it with {rebuild}");
        // Without credentials a registry cannot tell "missing" from "private": say both.
        if (pulls.Anonymous && outcome.LastFailure.Fault is RegistryFault.Unauthorized or RegistryFault.Denied)
            return new DockerException(
                $"base image {image.Base} is missing or private (not local; {outcome.LastFailure.Cause} without credentials): " +
                $"build it with {rebuild}, or export DOCKER_USERNAME and DOCKER_PASSWORD if it is private");
        return new DockerException($"pull of base image {image.Base} failed: {outcome.Summary}; {outcome.LastFailure.Fix}");
    }
}

/// <summary>Where the base image of the current inputs was found.</summary>
public enum BaseLocation
{
    /// <summary>Neither local nor in the registry: it must be built.</summary>
    Nowhere,

    Local,

    InRegistry,
}
