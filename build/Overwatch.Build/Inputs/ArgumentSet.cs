namespace Overwatch.Build.Inputs;

/// <summary>
/// The command-line arguments Cake parsed, by name (without dashes). A bare <c>--flag</c> has a null or empty value.
/// Unknown names are refused so a typo is not silently ignored.
/// </summary>
public sealed class ArgumentSet
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string?>> values;

    public ArgumentSet(IEnumerable<KeyValuePair<string, ICollection<string>>> arguments)
    {
        values = arguments.ToDictionary(a => a.Key.ToLowerInvariant(), a => (IReadOnlyList<string?>)a.Value.ToList(), StringComparer.OrdinalIgnoreCase);
        var unknown = values.Keys.Where(name => !KnownArguments.IsKnown(name)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            throw new UsageException($"unknown argument --{unknown[0]}: known arguments are {KnownArguments.Describe()}");
    }

    public bool Has(string name) => values.ContainsKey(name);

    /// <summary>The last value given, or null when absent. A bare <c>--name</c> without a value is an error.</summary>
    public string? Single(string name)
    {
        if (!values.TryGetValue(name, out var given)) return null;
        var last = given.LastOrDefault();
        return string.IsNullOrWhiteSpace(last) ? throw new UsageException($"--{name} needs a value: --{name}=VALUE") : last.Trim();
    }

    public IReadOnlyList<string> Many(string name) =>
        values.TryGetValue(name, out var given)
            ? given.Select(v => string.IsNullOrWhiteSpace(v) ? throw new UsageException($"--{name} needs a value: --{name}=VALUE") : v.Trim()).ToList()
            : [];

    /// <summary>A switch: present without a value, or =true / =false.</summary>
    public bool Flag(string name)
    {
        if (!values.TryGetValue(name, out var given)) return false;
        var last = given.LastOrDefault();
        if (string.IsNullOrEmpty(last) || last.Equals("true", StringComparison.OrdinalIgnoreCase)) return true;
        if (last.Equals("false", StringComparison.OrdinalIgnoreCase)) return false;
        throw new UsageException($"--{name}={last} is not a switch value: use --{name}, --{name}=true or --{name}=false");
    }
}
