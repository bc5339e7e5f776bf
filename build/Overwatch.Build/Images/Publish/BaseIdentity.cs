using Overwatch.Build.Images.Plan;
using Overwatch.Build.Infrastructure.Docker;

namespace Overwatch.Build.Images.Publish;

/// <summary>
/// The base image as the app image's inputs name it: its config digest, the same on every engine and known from the
/// registry without pulling. A local image's ID is its config digest where docker stores images itself, but the
/// digest of its manifest or index under the containerd image store: the registry's answer for the tag tells which.
/// </summary>
public static class BaseIdentity
{
    /// <param name="local">The local image of the base reference, or null.</param>
    /// <param name="registry">What the registry holds under the base reference.</param>
    /// <returns>The config digest; the local ID when the registry does not hold the local image (a base built here
    /// and not pushed, or no credentials to ask with); null when the base is nowhere.</returns>
    public static string? Of(LocalImage? local, TagLookup registry)
    {
        if (local is null) return registry.Manifest?.ConfigDigest;
        return registry.Manifest is { } manifest && manifest.Identifies(local.Id) ? manifest.ConfigDigest : local.Id;
    }

    /// <summary>
    /// The base a build would use, decided without pulling (<see cref="BaseImages.ForApp"/> pulls): the base of the
    /// current inputs when it is local or in the registry, else the floating tag (unless --require-current-base).
    /// </summary>
    /// <returns>The reference and its lookup, or null when the base could not be chosen without a pull.</returns>
    public static (string Reference, TagLookup Registry)? Choose(ImagePlan image, bool requireCurrent, LocalImages local, Func<string, TagLookup> registry)
    {
        var current = registry(image.CurrentBase);
        if (local.Exists(image.CurrentBase) || current.Manifest is not null) return (image.CurrentBase, current);
        if (requireCurrent || current.Unknown is not null) return null;
        var floating = registry(image.Base);
        return local.Exists(image.Base) || floating.Manifest is not null ? (image.Base, floating) : null;
    }
}
