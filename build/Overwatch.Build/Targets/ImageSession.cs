using Overwatch.Build.Containers;
using Overwatch.Build.Images.Plan;
using Overwatch.Build.Images.Publish;
using Overwatch.Build.Images.Refs;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Targets;

/// <summary>The build plan of one run, the registry login that pushes it (one, shared by all lanes) and its publish record.</summary>
public sealed class ImageSession(BuildPlan plan, RegistryLogin login, PublishRecorder record, PublishReport? report, string? named, BuildContext context) : IDisposable
{
    private readonly Lazy<Builder> builder = new(() =>
    {
        var found = context.Docker.DetectBuilder();
        context.Log(found.Line);
        return found;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    public BuildPlan Plan { get; } = plan;

    /// <summary>The existing image --image names for Shell, Compose and SmokeTest, or null: then they use the planned one.</summary>
    public string? Named { get; } = named;

    /// <summary>The one record of what became of each reference; written out (<see cref="Report"/>) when the run builds or pushes.</summary>
    public PublishRecorder Record { get; } = record;

    public PublishReport? Report { get; } = report;

    /// <summary>The run's docker login and registry API, with the credentials of the environment.</summary>
    public RegistryLogin Login { get; } = login;

    /// <summary>What the smoke test found per Python version (empty when it did not run); for reports of the run.</summary>
    public SmokeResults Smoke { get; } = new();

    /// <summary>The versions the registry already holds with images of the current inputs: nothing to do for them.</summary>
    public SettledVersions Settled { get; } = new();

    /// <summary>The builder of this run's `docker build`s, decided (and logged) once, by the first target that builds.</summary>
    public Builder Builder => builder.Value;

    public static ImageSession Start(BuildContext context)
    {
        var inputs = ImageInputs.Read(context.Arguments, context.Environment, context.Git, context.Layout.Root, context.Clock.GetUtcNow());
        var plan = BuildPlanner.Create(inputs);
        GitWarning.Check(context.Git, context.Layout.Root, inputs.Source, context.Environment, context.Log);
        context.Log(PlanTable.Render(plan));
        PublishCredentials.Check(context.Intent, plan, inputs.Credentials, context.Log);
        var named = NamedImage.Read(context.Arguments, null);
        if (named is not null) context.Log($"Using the image {named} (--image) instead of the planned reference.");
        var record = new PublishRecorder(plan, context.Intent.HandlesBases, context.Intent.HandlesApps);
        var report = named is null && context.Intent.Records
            ? new PublishReport(record, Path.Combine(context.Layout.ArtifactsDir, PublishReport.FileName),
                context.Environment[PublishReport.StepSummaryVariable], context.Intent.NotPushedBecause, context.Log, context.Layout.Display)
            : null;
        var session = new ImageSession(plan, new RegistryLogin(plan.Registry, inputs.Credentials, context.Docker, context.Log), record, report, named, context);
        if (context.Intent.Pushes && plan.Publish && !context.Intent.DryRun && plan.Images.Count > 0)
            session.Login.Api?.Prepare(plan.Images[0].PushOrder[0]);
        return session;
    }

    /// <summary>Runs one step per Python version, at most --parallel at once.</summary>
    public VersionMatrix Matrix(LaneLoad load = LaneLoad.Compute) =>
        new(ParallelArgument.Read(context.Arguments, Plan.Images.Count, Environment.ProcessorCount, load), context.Log, Record);

    /// <summary>Shell, Compose and SmokeTest with --image run that image under the plan of the chosen version; else <see cref="SingleImage"/>.</summary>
    public ImagePlan ImageToRun() =>
        Named is { } image ? Plan.Images[0] with { References = [image], PushOrder = [image] } : SingleImage();

    /// <summary>Shell and Compose use one image: the chosen --python-version, else the first of the matrix.</summary>
    public ImagePlan SingleImage()
    {
        if (Plan.Images.Count > 1)
            context.Log($"Using Python {Plan.Images[0].Python}, the first of the matrix (pass --python-version=X.Y.Z to choose).");
        return Plan.Images[0];
    }

    public void Dispose() => Login.Dispose();
}
