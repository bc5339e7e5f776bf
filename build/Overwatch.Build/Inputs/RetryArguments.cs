using System.Globalization;

namespace Overwatch.Build.Inputs;

/// <summary>--retries, --retry-budget and --stall-timeout: how hard registry operations try.</summary>
public static class RetryArguments
{
    public static RetryLimits Read(ArgumentSet arguments) => new(
        Retries: Number(arguments, BuildArguments.Retries, 0, 20),
        Budget: TimeSpan.FromSeconds(Number(arguments, BuildArguments.RetryBudget, 0, 86_400)),
        StallLimit: TimeSpan.FromSeconds(Number(arguments, BuildArguments.StallTimeout, 1, 86_400)));

    private static int Number(ArgumentSet arguments, ValueArgument argument, int min, int max)
    {
        var text = arguments.GetOrDefault(argument);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException(
                $"--{argument.Name}={text} is not valid: expected a whole number from {min} to {max} ({argument.Help}), e.g. --{argument.Name}={argument.DefaultValue}");
    }
}

/// <summary>What the retry arguments ask for: retries of a transient fault, the time they may take, and how long a silent operation may stall.</summary>
public sealed record RetryLimits(int Retries, TimeSpan Budget, TimeSpan StallLimit);
