namespace Overwatch.Build.Inputs;

/// <summary>Every argument name the suite accepts: ours, and Cake's own switches.</summary>
public static class KnownArguments
{
    public static readonly IReadOnlyList<string> Ours =
    [
        // image pipeline
        "python-version", "registry", "image-namespace", "images-config", "branch", "tag",
        // deploy configs
        "deploy-config", "deploy-config-env", "exec-dir", "deployment-root", "force",
        // running it
        "source-dir", "command", "compose-file", "virtual-host", "up",
    ];

    private static readonly HashSet<string> Cake = new(StringComparer.OrdinalIgnoreCase)
    {
        "target", "verbosity", "dryrun", "noop", "whatif", "tree", "showtree", "description", "showdescription",
        "exclusive", "help", "version", "info", "debug", "bootstrap", "skip-bootstrap", "invalidate-script-cache",
    };

    public static bool IsKnown(string name) =>
        Ours.Contains(name, StringComparer.OrdinalIgnoreCase) || Cake.Contains(name)
        || name.StartsWith("settings_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("paths_", StringComparison.OrdinalIgnoreCase);

    public static string Describe() => string.Join(", ", Ours.Select(n => "--" + n)) + " and Cake's own (--target, --verbosity, --dryrun, ...)";
}
