namespace Overwatch.Build.Images.Publish;

/// <summary>
/// One planned tag as the registry holds it: the manifest digest and the inputs label of its image; both null when
/// the tag is not there; <see cref="Unknown"/> says why the registry could not tell.
/// </summary>
public sealed record PublishedTag(string Reference, string? Digest, string? Inputs, string? Unknown = null)
{
    public static PublishedTag Absent(string reference) => new(reference, null, null);

    public static PublishedTag Unsure(string reference, string why) => new(reference, null, null, why);
}

/// <summary>Whether a version has nothing to do: every planned tag holds an image labelled with the current inputs.</summary>
public static class InputsVerdict
{
    /// <returns>Null when every tag holds an image of <paramref name="inputs"/>; else why the version is built.</returns>
    public static string? Missing(string inputs, IReadOnlyList<PublishedTag> tags) =>
        tags.Count == 0 ? "no tag is planned" : tags.Select(tag => Missing(inputs, tag)).FirstOrDefault(why => why is not null);

    /// <returns>Null when the tag holds an image of <paramref name="inputs"/>; else why not.</returns>
    public static string? Missing(string inputs, PublishedTag tag)
    {
        if (tag.Unknown is { } why) return $"cannot tell what {tag.Reference} holds ({why})";
        if (tag.Digest is null) return $"{tag.Reference} is not in the registry";
        if (tag.Inputs is null) return $"{tag.Reference} holds an image without an inputs label";
        return tag.Inputs != inputs ? $"{tag.Reference} holds an image of other inputs ({Short(tag.Inputs)}, now {Short(inputs)})" : null;
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}
