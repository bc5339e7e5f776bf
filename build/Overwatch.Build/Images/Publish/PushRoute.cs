using Overwatch.Build.Infrastructure.Docker;

namespace Overwatch.Build.Images.Publish;

/// <summary>How a reference gets into the registry.</summary>
public enum PushWay
{
    /// <summary>A release that already holds this image (the release guard said so): nothing to write.</summary>
    Unchanged,

    /// <summary>The tag already holds this image: nothing to write.</summary>
    Held,

    /// <summary>The manifest of an earlier tag of the same image, put under this tag (docker push if that fails).</summary>
    Tag,

    /// <summary>`docker push`.</summary>
    Docker,
}

/// <summary>One reference, its way, and for <see cref="PushWay.Tag"/> the reference whose manifest it gets.</summary>
public sealed record PushStep(string Reference, PushWay Way, string? From = null);

/// <summary>
/// Which references of one image need `docker push`: only those before any tag of the same repository holds (or
/// is pushed with) the same image. A tag that holds the image is left alone; the later ones are made from the first.
/// </summary>
public static class PushRoute
{
    /// <param name="references">The image's references in push order (own tags before floating ones).</param>
    /// <param name="unchanged">Releases the release guard found holding this image.</param>
    /// <param name="held">What the registry said each tag holds.</param>
    /// <param name="local">The local image ID of a reference; asked only where it decides something.</param>
    public static IReadOnlyList<PushStep> For(string registry, IReadOnlyList<string> references, IReadOnlySet<string> unchanged,
        Func<string, TagLookup> held, Func<string, string?> local)
    {
        var steps = new List<PushStep>();
        string? source = null;
        foreach (var reference in references)
        {
            var lookup = held(reference);
            var way = unchanged.Contains(reference) ? PushWay.Unchanged
                : lookup.Manifest is not null && lookup.Holds(local(reference)) ? PushWay.Held
                : source is not null && SameRepository(registry, source, reference) && local(reference) is { } id && id == local(source) ? PushWay.Tag
                : PushWay.Docker;
            steps.Add(new PushStep(reference, way, way == PushWay.Tag ? source : null));
            source ??= reference;
        }
        return steps;
    }

    /// <summary>A manifest is put only in the repository it came from: elsewhere its layers may be missing.</summary>
    private static bool SameRepository(string registry, string source, string target) =>
        RegistryReference.Parse(registry, source)?.Repository is { } repository && repository == RegistryReference.Parse(registry, target)?.Repository;
}
