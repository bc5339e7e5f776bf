namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>
/// One label of the image a registry tag holds, read from its image config without a pull: its value, none (the image
/// has no such label), or why the registry's answer could not be read.
/// </summary>
public sealed record RegistryLabel(string? Value, string? Unreadable)
{
    public bool Missing => Value is null && Unreadable is null;

    public static RegistryLabel Read(RegistryClient api, string reference, RegistryManifest manifest, string name)
    {
        var (labels, unknown) = api.Labels(reference, manifest);
        return labels is null ? new RegistryLabel(null, unknown ?? "no answer") : new RegistryLabel(labels.GetValueOrDefault(name), null);
    }
}
