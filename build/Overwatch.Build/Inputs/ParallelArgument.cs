using System.Globalization;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Inputs;

/// <summary>--parallel: how many Python versions are pulled, built and pushed at once.</summary>
public static class ParallelArgument
{
    public const int Max = 32;

    /// <summary>
    /// The given number, else one lane per core (one more when the lanes mostly wait on I/O), never more lanes than
    /// versions.
    /// </summary>
    public static int Read(ArgumentSet arguments, int versions, int cores, LaneLoad load = LaneLoad.Compute)
    {
        var text = arguments.Get(BuildArguments.Parallel);
        if (text is null) return Math.Max(1, Math.Min(load == LaneLoad.Io ? cores + 1 : cores, versions));
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= Max
            ? value
            : throw new UsageException(
                $"--parallel={text} is not valid: expected a whole number from 1 to {Max} (Python versions handled at once; 1 runs them one after another), e.g. --parallel=2");
    }
}

/// <summary>What a target's lanes mostly do, which decides the default of --parallel.</summary>
public enum LaneLoad
{
    /// <summary>Compile (DockerBase: ROOT, each build using every core): one lane per core.</summary>
    Compute,

    /// <summary>
    /// Move layers (pulls, app builds on a cached base, pushes): one lane more than cores. Measured on 2 cores, three
    /// app builds of an 8 MB layer: 2.9 s one after another, 2.2 s two at a time, 1.2 to 1.6 s three at once.
    /// </summary>
    Io,
}
