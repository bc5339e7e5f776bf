namespace Overwatch.Build.Inputs;

/// <summary>
/// The command-line arguments Cake parsed. Unknown names are refused so a typo is not silently ignored, and
/// values are read only through their declarations in <see cref="BuildArguments"/>, so a read cannot be misspelt.
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

    /// <summary>
    /// The value given, or null when absent. A bare <c>--name</c> without a value is an error, and so are two
    /// different values (which one was meant cannot be known); the same value repeated is fine.
    /// </summary>
    public string? Get(ValueArgument argument)
    {
        if (!values.TryGetValue(argument.Name, out var given)) return null;
        var all = given.Select(v => string.IsNullOrWhiteSpace(v) ? throw NeedsValue(argument) : v.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (all.Count > 1)
            throw new UsageException($"--{argument.Name} is given {all.Count} different values ({string.Join(", ", all.Select(v => $"'{v}'"))}): give it once");
        return all[0];
    }

    /// <summary>The value given, else the declared default.</summary>
    public string GetOrDefault(ValueArgument argument) =>
        Get(argument) ?? argument.DefaultValue ?? throw new InvalidOperationException($"--{argument.Name} declares no default value");

    public IReadOnlyList<string> Get(ListArgument argument) =>
        values.TryGetValue(argument.Name, out var given)
            ? given.Select(v => string.IsNullOrWhiteSpace(v) ? throw NeedsValue(argument) : v.Trim()).ToList()
            : [];

    /// <summary>A switch: present without a value, or =true / =false.</summary>
    public bool Get(SwitchArgument argument)
    {
        var name = argument.Name;
        if (!values.TryGetValue(name, out var given)) return false;
        var last = given.LastOrDefault();
        if (string.IsNullOrEmpty(last) || last.Equals("true", StringComparison.OrdinalIgnoreCase)) return true;
        if (last.Equals("false", StringComparison.OrdinalIgnoreCase)) return false;
        throw new UsageException($"--{name}={last} is not a switch value: use --{name}, --{name}=true or --{name}=false");
    }

    private static UsageException NeedsValue(Argument argument) => new($"--{argument.Name} needs a value: --{argument.Name}=VALUE");
}
