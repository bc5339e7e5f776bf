using System.Diagnostics;
using Overwatch.Build.Infrastructure.Processes;

namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>
/// Runs one registry command (login, pull, push, manifest inspect) and retries it while it fails
/// transiently, within the policy. Permanent failures end at once.
/// </summary>
public sealed class RegistryOperation(RetryPolicy policy, Action<TimeSpan> sleep, Func<double> jitter, Action<string> log)
{
    /// <param name="retryAfter">Asks the registry how long it wants us to wait after a 429 (docker does not show its Retry-After).</param>
    public RegistryOutcome Run(string what, Func<ProcessResult> attempt, Func<TimeSpan?>? retryAfter = null)
    {
        var clock = Stopwatch.StartNew();
        var failures = new List<RegistryFailure>();
        for (var retry = 1; ; retry++)
        {
            var result = attempt();
            if (result.Succeeded) return new RegistryOutcome(result, failures, clock.Elapsed, Succeeded: true);
            var failure = result.Stalled ? RegistryFailure.Stalled(policy.StallLimit) : RegistryFailure.Classify(result.LastLines);
            failures.Add(failure);
            var asked = failure.Fault == RegistryFault.RateLimited ? retryAfter?.Invoke() : null;
            if (!failure.Transient || policy.DelayBefore(retry, clock.Elapsed, asked, jitter()) is not { } wait)
                return new RegistryOutcome(result, failures, clock.Elapsed, Succeeded: false);
            log($"{what}: {failure.Cause}; retry {retry} of {policy.Retries} in {wait.TotalSeconds:0.#} s");
            sleep(wait);
        }
    }
}

/// <summary>How a registry operation ended, with every failure on the way.</summary>
public sealed record RegistryOutcome(ProcessResult Result, IReadOnlyList<RegistryFailure> Failures, TimeSpan Elapsed, bool Succeeded)
{
    public RegistryFailure? LastFailure => Failures.Count > 0 ? Failures[^1] : null;

    /// <summary>"registry answered 503 (server error) 4 times over 47 s"; a permanent failure is said once.</summary>
    public string Summary
    {
        get
        {
            if (LastFailure is not { } last) return "succeeded";
            if (Failures.Count == 1) return last.Cause;
            var causes = Failures.Select(f => f.Cause).Distinct().ToList();
            var times = $"{Failures.Count} times over {Elapsed.TotalSeconds:0} s";
            return causes.Count == 1
                ? $"{last.Cause} {times}"
                : $"{last.Cause}, {times} (before that: {string.Join(", ", causes.Where(c => c != last.Cause))})";
        }
    }
}
