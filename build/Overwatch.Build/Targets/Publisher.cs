using System.Collections.Concurrent;
using Overwatch.Build.Images.Plan;
using Overwatch.Build.Infrastructure.Docker;

namespace Overwatch.Build.Targets;

/// <summary>One reference to push, and whether it is a release that must never move.</summary>
public sealed record PlannedPush(string Reference, bool Immutable);

/// <summary>
/// Pushes the references of every Python version, the versions in lanes side by side, each version's references
/// one after another in its push order (its own tags before floating ones). Every release tag of every version is
/// checked first, so a release the registry refuses stops the run before any version is pushed. A reference is
/// pushed once per run however many versions name it. One login for all lanes; logged out after the last push.
/// </summary>
public sealed class Publisher(BuildContext context)
{
    public void Push(Func<ImagePlan, IReadOnlyList<PlannedPush>> pushesOf, bool allowOverwrite)
    {
        var (plan, docker, session, log) = (context.Plan, context.Docker, context.Images, context.Log);
        var record = session.Record;
        session.LogIn();
        var matrix = VersionMatrix.For(context);
        var account = new PushAccount(plan.Images.SelectMany(pushesOf).Select(p => p.Reference).Distinct().ToList());

        var unchanged = new ConcurrentDictionary<string, (string Why, string? Digest)>(StringComparer.Ordinal);
        if (plan.Images.SelectMany(pushesOf).Any(p => p.Immutable))
        {
            var guard = new ReleaseGuard(docker, plan.Registry, log);
            matrix.Run(plan.Images, "Release check", image =>
            {
                foreach (var push in pushesOf(image).Where(p => p.Immutable))
                    if (guard.Inspect(push.Reference, allowOverwrite) is { Skip: { } why } inspected) unchanged[push.Reference] = (why, inspected.Digest);
            });
        }

        var started = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var progress = new StepProgress(plan.Images.SelectMany(pushesOf).Select(p => p.Reference).Distinct().Count(r => !unchanged.ContainsKey(r)), log);
        matrix.Run(plan.Images, "Push", image =>
        {
            foreach (var (reference, _) in pushesOf(image))
            {
                if (unchanged.TryGetValue(reference, out var skip))
                {
                    log(skip.Why);
                    account.Skipped(reference);
                    record?.Skipped(reference, "unchanged release: the registry holds this very image", skip.Digest);
                    continue;
                }
                if (!started.TryAdd(reference, true)) continue;
                progress.Start($"pushing {reference}");
                var outcome = docker.Registry(DockerCommands.Push(reference), $"push of {reference}", quiet: false);
                if (!outcome.Succeeded)
                {
                    var failure = $"docker push of {reference} failed: {outcome.Summary}; {outcome.LastFailure!.Fix}.";
                    record?.Failed(reference, failure);
                    throw new DockerException(failure + Environment.NewLine + docker.Mask(outcome.Result.Tail()));
                }
                var digest = PushOutput.Digest(outcome.Result.StandardOutput) ?? RegistryDigest(docker, plan.Registry, reference);
                account.Pushed(reference);
                record?.Pushed(reference, digest);
                log($"Pushed {reference}" + (digest is null ? "." : $" ({digest})."));
            }
        }, account.Describe);
        session.LogOut();
    }

    /// <summary>When the push output names no digest (an older docker), the registry is asked.</summary>
    private static string? RegistryDigest(DockerCli docker, string registry, string reference)
    {
        var outcome = docker.Registry(DockerCommands.ManifestInspect(reference, RegistryHost.IsLoopback(registry)), $"digest lookup of {reference}", quiet: true);
        return outcome.Succeeded ? ReleaseGuard.ManifestDigest(outcome.Result.StandardOutput) : null;
    }
}
