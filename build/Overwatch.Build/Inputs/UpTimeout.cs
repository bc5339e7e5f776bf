namespace Overwatch.Build.Inputs;

/// <summary>--up-timeout: how long Compose --network=host --up waits for every service to be healthy.</summary>
public static class UpTimeout
{
    public static TimeSpan Parse(string? text) =>
        int.TryParse(text, out var seconds) && seconds is > 0 and <= 3600
            ? TimeSpan.FromSeconds(seconds)
            : throw new UsageException($"--up-timeout={text} is not a number of seconds: use 1 to 3600 (default {BuildArguments.UpTimeout.DefaultValue})");
}
