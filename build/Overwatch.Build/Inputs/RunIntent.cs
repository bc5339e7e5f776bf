namespace Overwatch.Build.Inputs;

/// <summary>
/// What this run means to do, decided once in Setup from the targets Cake scheduled and the arguments, so that no step
/// asks which tasks are scheduled: builds? pushes? smoke-tests? records? The task graph in build.cake stays the one
/// place that says which target runs which.
/// </summary>
/// <param name="Target">The target of the run (the last task Cake runs), or null.</param>
/// <param name="Steps">The targets that do work on this machine: the scheduled ones, SmokeTest left out under --skip-smoke-test.</param>
public sealed record RunIntent(string? Target, bool Plans, bool BuildsBase, bool PushesBase, bool BuildsApps, bool SmokeTests, bool Pushes,
    bool DryRun, IReadOnlyList<string> Steps)
{
    /// <summary>The run builds or pushes base images: publish.json lists them.</summary>
    public bool HandlesBases => BuildsBase || PushesBase;

    /// <summary>The run builds or pushes app images: publish.json lists them.</summary>
    public bool HandlesApps => BuildsApps || Pushes;

    /// <summary>The run writes publish.json: it builds or pushes images, and is not a dry run (which does neither).</summary>
    public bool Records => !DryRun && (HandlesBases || HandlesApps);

    /// <summary>Why a reference nobody reported on was not pushed, when the run succeeds: a push step is not part of it.</summary>
    public string? NotPushedBecause =>
        HandlesApps && !Pushes ? "not pushed: Push is not part of this run (--target=Publish pushes)"
        : HandlesBases && !PushesBase ? "not pushed: PublishBase is not part of this run"
        : null;

    /// <param name="scheduled">The tasks Cake will run, in order (the target last).</param>
    public static RunIntent From(IEnumerable<string> scheduled, ArgumentSet arguments, bool dryRun)
    {
        var targets = scheduled.ToList();
        bool Has(string target) => targets.Contains(target, StringComparer.OrdinalIgnoreCase);
        var smokeTests = Has(TargetNames.SmokeTest) && !arguments.Get(BuildArguments.SkipSmokeTest);
        return new RunIntent(
            Target: targets.LastOrDefault(),
            Plans: TargetNames.UsingPlan.Any(Has),
            BuildsBase: Has(TargetNames.DockerBase),
            PushesBase: Has(TargetNames.PublishBase),
            BuildsApps: Has(TargetNames.DockerImage),
            SmokeTests: smokeTests,
            Pushes: Has(TargetNames.Push),
            DryRun: dryRun,
            Steps: targets.Where(t => smokeTests || !string.Equals(t, TargetNames.SmokeTest, StringComparison.OrdinalIgnoreCase)).ToList());
    }
}
