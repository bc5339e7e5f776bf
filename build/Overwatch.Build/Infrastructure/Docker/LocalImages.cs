using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Overwatch.Build.Infrastructure.Processes;

namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>A local image: its ID (the config digest) and its labels.</summary>
public sealed record LocalImage(string Id, IReadOnlyDictionary<string, string> Labels);

/// <summary>
/// Which of a run's references are local images, asked of docker in one `docker image inspect` of them all when the
/// run starts (also the run's daemon check: no separate `docker version`). The run only adds images, so what was
/// local stays local; a reference pulled or built since is asked again with <see cref="Refresh"/>.
/// </summary>
public sealed partial class LocalImages(DockerCli docker, IReadOnlyDictionary<string, LocalImage?> snapshot)
{
    private readonly ConcurrentDictionary<string, LocalImage?> known = new(snapshot, StringComparer.Ordinal);

    public static LocalImages Inspect(DockerCli docker, IEnumerable<string> references) =>
        new(docker, docker.InspectImages(references.Distinct(StringComparer.Ordinal).ToList()));

    /// <summary>The local image of the reference, or null; from the snapshot when it has it.</summary>
    public LocalImage? Find(string reference) => known.TryGetValue(reference, out var image) ? image : Refresh(reference);

    public bool Exists(string reference) => Find(reference) is not null;

    /// <summary>Asks docker again, after a pull or build changed what the reference names.</summary>
    public LocalImage? Refresh(string reference) =>
        known[reference] = docker.InspectImages([reference]).GetValueOrDefault(reference);

    /// <summary>The --format of the inspect <see cref="Read"/> parses: one line per image found.</summary>
    public const string Format = "{{.Id}} {{json .Config.Labels}}";

    /// <summary>
    /// Docker's answer to an inspect of <paramref name="references"/>: an image per reference found (stdout, in the
    /// order asked), null per "No such image" (stderr). Null when the failure is not only missing images (the
    /// daemon's); empty when the lines cannot be matched to the references (each is then asked on its own).
    /// </summary>
    public static IReadOnlyDictionary<string, LocalImage?>? Read(IReadOnlyList<string> references, ProcessResult result)
    {
        var missing = result.LastLines.SelectMany(l => NoSuchImage().Matches(l)).Select(m => m.Groups[1].Value.TrimEnd(':')).ToHashSet(StringComparer.Ordinal);
        if (!result.Succeeded && missing.Count == 0) return null;
        var found = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var present = references.Where(r => !missing.Contains(r)).ToList();
        if (present.Count != found.Length || missing.Any(m => !references.Contains(m))) return new Dictionary<string, LocalImage?>();
        var images = references.ToDictionary(r => r, _ => (LocalImage?)null, StringComparer.Ordinal);
        foreach (var (reference, line) in present.Zip(found))
        {
            var parts = line.Split(' ', 2);
            if (!parts[0].StartsWith("sha256:", StringComparison.Ordinal)) return new Dictionary<string, LocalImage?>();
            var labels = parts.Length > 1 ? JsonSerializer.Deserialize<Dictionary<string, string>?>(parts[1]) : null;
            images[reference] = new LocalImage(parts[0], labels ?? []);
        }
        return images;
    }

    [GeneratedRegex(@"No such image: (\S+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NoSuchImage();
}
