namespace Overwatch.Build.Inputs;

/// <summary>Every argument name the suite accepts: ours (<see cref="BuildArguments"/>), and Cake's own switches.</summary>
public static class KnownArguments
{
    private static readonly HashSet<string> Cake = new(StringComparer.OrdinalIgnoreCase)
    {
        "target", "verbosity", "dryrun", "noop", "whatif", "tree", "showtree", "description", "showdescription",
        "exclusive", "help", "version", "info", "debug", "bootstrap", "skip-bootstrap", "invalidate-script-cache",
    };

    public static bool IsKnown(string name) =>
        BuildArguments.All.Any(a => a.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) || Cake.Contains(name)
        || name.StartsWith("settings_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("paths_", StringComparison.OrdinalIgnoreCase);

    public static string Describe() =>
        string.Join(", ", BuildArguments.All.Select(a => "--" + a.Name)) + " and Cake's own (--target, --verbosity, --dryrun, ...)";
}
