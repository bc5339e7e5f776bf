using Overwatch.Build.Images;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Images.Plan;

/// <summary>
/// --image: an existing app image that Shell, Compose and SmokeTest use instead of the planned reference, so a kit
/// image or a pulled one needs no re-tagging to a reference that changes with the checkout's branch. Nothing is built
/// for it (SmokeTest's DockerImage step is skipped, saying so), and no target that builds or pushes takes it.
/// </summary>
public static class NamedImage
{
    public const string NotBuilding = "--image names the image to use, so nothing is built";

    /// <summary>The reference --image gives, checked; null without it. Refused for a target that builds or pushes.</summary>
    /// <param name="target">The target of the run (the last task Cake runs).</param>
    public static string? Read(ArgumentSet arguments, string? target)
    {
        if (arguments.Get(BuildArguments.Image) is not { } value) return null;
        var reference = ImageNames.Reference(value, "--image");
        if (target is not null && !BuildArguments.Image.Targets.Contains(target, StringComparer.OrdinalIgnoreCase))
            throw new UsageException(
                $"--image applies to {string.Join(", ", BuildArguments.Image.Targets)}, not to {target}, which builds or pushes the planned images: drop --image, " +
                $"or use --target={TargetNames.SmokeTest} to smoke-test {reference}");
        return reference;
    }

    /// <summary>Shell, Compose and SmokeTest run an image that is here; a named one is never built by this run.</summary>
    public static string MissingLine(string reference, bool named, ImagePlan planned) => named
        ? $"image {reference} (--image) is not here: pull it (docker pull {reference}), load it, or correct --image"
        : $"image {reference} is not built: build it with ./build.sh --target=DockerImage --python-version={planned.Python}, or name an existing one with --image=REF";
}
