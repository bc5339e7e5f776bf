using Overwatch.Build.Inputs;

namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>The retry policy of registry operations under the limits the arguments give.</summary>
public static class RetryPolicies
{
    public static RetryPolicy From(RetryLimits limits) =>
        RetryPolicy.Default with { Retries = limits.Retries, Budget = limits.Budget, StallLimit = limits.StallLimit };
}
