using System.Globalization;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Targets;

/// <summary>--parallel: how many Python versions are pulled, built and pushed at once.</summary>
public static class ParallelArgument
{
    public const int Max = 32;

    /// <summary>The given number, else one lane per core, never more lanes than versions.</summary>
    public static int Read(ArgumentSet arguments, int versions, int cores)
    {
        var text = arguments.Get(BuildArguments.Parallel);
        if (text is null) return Math.Max(1, Math.Min(cores, versions));
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= Max
            ? value
            : throw new UsageException(
                $"--parallel={text} is not valid: expected a whole number from 1 to {Max} (Python versions handled at once; 1 runs them one after another), e.g. --parallel=2");
    }
}
