namespace Overwatch.Build.Inputs;

/// <summary>Cake consumes its own switches before the script sees the arguments, so they are read from the command line.</summary>
public static class CakeSwitches
{
    public static bool IsDryRun(IEnumerable<string> commandLine) =>
        commandLine.Any(a => a is "--dryrun" or "--noop" or "--whatif" or "--dryrun=true" or "--noop=true" or "--whatif=true");
}
