namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>
/// How often and how long a transient registry fault is retried: exponential backoff with full
/// jitter, at least the registry's Retry-After, never past the budget.
/// </summary>
public sealed record RetryPolicy(int Retries, TimeSpan Budget, TimeSpan StallLimit)
{
    public static readonly RetryPolicy Default = new(3, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10));

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The wait before retry number <paramref name="retry"/> (1-based), or null when no retry is left:
    /// out of retries, or the wait would end past the budget.
    /// </summary>
    /// <param name="jitter">A number in [0, 1): the share of the exponential ceiling to wait.</param>
    public TimeSpan? DelayBefore(int retry, TimeSpan elapsed, TimeSpan? retryAfter, double jitter)
    {
        if (retry > Retries) return null;
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, retry - 1));
        var delay = TimeSpan.FromMilliseconds(ceiling * (0.5 + jitter / 2));
        if (retryAfter is { } asked && asked > delay) delay = asked;
        return elapsed + delay > Budget ? null : delay;
    }
}
