namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>
/// What the registry holds under a tag: a manifest, nothing (404), or unknown (with why: no credentials, a refusal,
/// a time-out, a 5xx, an answer we do not read). Only a manifest or a 404 is an answer to act on.
/// </summary>
public sealed record TagLookup(RegistryManifest? Manifest, string? Unknown)
{
    public static readonly TagLookup Absent = new(null, null);

    public static TagLookup Held(RegistryManifest manifest) => new(manifest, null);

    public static TagLookup Unsure(string why) => new(null, why);

    public bool IsAbsent => Manifest is null && Unknown is null;

    /// <summary>Whether the tag holds the local image with this ID (on any image store: see <see cref="RegistryManifest.Identifies"/>).</summary>
    public bool Holds(string? imageId) => Manifest?.Identifies(imageId) == true;
}
