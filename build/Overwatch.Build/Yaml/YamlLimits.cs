using System.Globalization;

namespace Overwatch.Build.Yaml;

/// <summary>
/// How much YAML we agree to read. A deploy configuration is a few KB with a dozen aliases; these bounds are
/// far above that and far below what would hurt the machine (alias bombs, cycles, huge or deeply nested input).
/// </summary>
public sealed record YamlLimits(long MaxBytes, int MaxDepth, int MaxAliases, long MaxAliasExpansion, long MaxAliasExpandedText, int MaxAliasDepth)
{
    public static YamlLimits Default { get; } = new(
        MaxBytes: 1024 * 1024,
        MaxDepth: 64,
        MaxAliases: 1_000,
        MaxAliasExpansion: 100_000,
        MaxAliasExpandedText: 4 * 1024 * 1024,
        MaxAliasDepth: 16);

    public static string Describe(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB");
}
