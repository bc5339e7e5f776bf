using System.Text.RegularExpressions;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Images;

/// <summary>Validation of the parts of an image reference, with messages that say what is valid.</summary>
public static partial class ImageNames
{
    public static string Repository(string value, string source) =>
        RepositoryPattern().IsMatch(value)
            ? value
            : throw new UsageException($"invalid image name '{value}' in {source}: expected a lowercase repository name such as overwatch-base (a-z, 0-9, '.', '_', '-', '/')");

    public static string Namespace(string value, string source) =>
        value.Length == 0 || RepositoryPattern().IsMatch(value)
            ? value
            : throw new UsageException($"invalid image namespace '{value}' in {source}: expected lowercase letters, digits, '.', '_' or '-', e.g. rehlers");

    public static string Registry(string value, string source)
    {
        if (!RegistryPattern().IsMatch(value))
            throw new UsageException($"invalid registry '{value}' in {source}: expected a host with an optional port, e.g. docker.io or 127.0.0.1:5000");
        var colon = value.LastIndexOf(':');
        if (colon >= 0 && int.Parse(value[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture) is < 1 or > 65535)
            throw new UsageException($"invalid registry '{value}' in {source}: port {value[(colon + 1)..]} is outside 1-65535, e.g. 127.0.0.1:5000");
        return value;
    }

    /// <summary>A whole reference as docker takes it: [REGISTRY[:PORT]/]NAME[:TAG][@sha256:DIGEST], or an image ID.</summary>
    public static string Reference(string value, string source) =>
        ReferencePattern().IsMatch(value)
            ? value
            : throw new UsageException($"invalid image reference '{value}' in {source}: expected e.g. overwatch:latest-py3.6.7, 127.0.0.1:5000/ns/overwatch:tag or NAME@sha256:DIGEST");

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*\z")]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex(@"^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[0-9a-f]{64})?\z")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(@"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::[0-9]{1,5})?\z")]
    private static partial Regex RegistryPattern();
}
