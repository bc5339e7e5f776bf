namespace Overwatch.Build.Inputs;

/// <summary>Read-only view of environment variables where an empty value counts as unset.</summary>
public sealed class EnvironmentVariables(IReadOnlyDictionary<string, string?> values)
{
    /// <summary>The process environment; names compare without case on Windows, as the OS does.</summary>
    public static EnvironmentVariables FromProcess() =>
        new(System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value,
                OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal));

    public IReadOnlyDictionary<string, string?> All => values;

    public string? this[string name] =>
        values.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    public bool IsTrue(string name) => string.Equals(this[name], "true", StringComparison.OrdinalIgnoreCase);
}
