using Overwatch.Build.Containers;
using Overwatch.Build.Images.Plan;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Targets;

/// <summary>The build plan of one run, the registry login that pushes it (one, shared by all lanes) and its publish record.</summary>
public sealed class ImageSession : IDisposable
{
    private readonly Credentials? credentials;
    private readonly DockerCli docker;
    private readonly Action<string> log;
    private readonly object loginGate = new();
    private readonly Lazy<Builder> builder;
    private RegistrySession? registry;
    private RegistryClient? registryApi;
    private bool? pullLogin;

    private ImageSession(BuildPlan plan, Credentials? credentials, DockerCli docker, Action<string> log, PublishReport? report, string? named)
    {
        Plan = plan;
        Named = named;
        this.credentials = credentials;
        this.docker = docker;
        this.log = log;
        Report = report;
        builder = new Lazy<Builder>(() =>
        {
            var found = docker.DetectBuilder();
            log(found.Line);
            return found;
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public BuildPlan Plan { get; }

    /// <summary>The existing image --image names for Shell, Compose and SmokeTest, or null: then they use the planned one.</summary>
    public string? Named { get; }

    /// <summary>Where the image targets report what became of each reference; null when no image target runs.</summary>
    public PublishRecorder? Record => Report?.Recorder;

    public PublishReport? Report { get; }

    /// <summary>What the smoke test found per Python version (empty when it did not run); for reports of the run.</summary>
    public SmokeResults Smoke { get; } = new();

    /// <summary>The versions the registry already holds with images of the current inputs: nothing to do for them.</summary>
    public SettledVersions Settled { get; } = new();

    public static ImageSession Start(BuildContext context)
    {
        var inputs = ImageInputs.Read(context.Arguments, context.Environment, context.Git, context.Layout.Root, context.Clock.GetUtcNow());
        var plan = BuildPlanner.Create(inputs);
        GitWarning.Check(context.Git, context.Layout.Root, inputs.Source, context.Environment, context.Log);
        context.Log(PlanTable.Render(plan));
        var pushesBase = context.Intent.PushesBase;
        if ((pushesBase || (context.Intent.Pushes && plan.Publish)) && inputs.Credentials is null)
        {
            var what = pushesBase ? "the base images are" : $"{plan.Ref} is";
            var missing = $"{what} due to be published but DOCKER_USERNAME or DOCKER_PASSWORD is not set: export both (credentials are read from the environment only)";
            if (!context.Intent.DryRun) throw new UsageException(missing);
            context.Log("Warning: " + missing);
        }
        var named = NamedImage.Read(context.Arguments, null);
        if (named is not null) context.Log($"Using the image {named} (--image) instead of the planned reference.");
        var session = new ImageSession(plan, inputs.Credentials, context.Docker, context.Log, named is null ? PublishReport.For(context, plan) : null, named);
        if (context.Intent.Pushes && plan.Publish && !context.Intent.DryRun && plan.Images.Count > 0)
            session.RegistryApi?.Prepare(plan.Images[0].PushOrder[0]);
        return session;
    }

    /// <summary>
    /// Shell, Compose and SmokeTest with --image run that image: the plan of the chosen Python version with the named
    /// reference in place of the planned ones; without it, <see cref="SingleImage"/>.
    /// </summary>
    public ImagePlan ImageToRun() =>
        Named is { } named ? Plan.Images[0] with { References = [named], PushOrder = [named] } : SingleImage();

    /// <summary>
    /// The builder of this run's `docker build`s, decided (and logged) once, by the first target that builds: a run that
    /// builds nothing does not ask.
    /// </summary>
    public Builder Builder => builder.Value;

    /// <summary>Shell and Compose use one image: the chosen --python-version, else the first of the matrix.</summary>
    public ImagePlan SingleImage()
    {
        if (Plan.Images.Count > 1)
            log($"Using Python {Plan.Images[0].Python}, the first of the matrix (pass --python-version=X.Y.Z to choose).");
        return Plan.Images[0];
    }

    /// <summary>Logs in when credentials exist; once per run, whichever lane asks first. Only pushes and refused pulls need it.</summary>
    public void LogIn()
    {
        lock (loginGate)
        {
            if (registry is not null || credentials is null) return;
            log($"Logging in to {Plan.Registry} as {credentials.Username}");
            registry = RegistrySession.Open(docker, Plan.Registry, credentials);
        }
    }

    /// <summary>
    /// For a pull the registry refused without credentials: null when there are none, false when the login
    /// failed (a warning: a missing cache image costs time, and a missing base image says so itself). Tried once.
    /// </summary>
    public bool? LogInForPull()
    {
        if (credentials is null) return null;
        lock (loginGate)
        {
            if (pullLogin is { } known) return known;
            try
            {
                LogIn();
                pullLogin = true;
            }
            catch (DockerException e)
            {
                log("Warning: " + e.Message.Split('\n')[0]);
                pullLogin = false;
            }
            return pullLogin;
        }
    }

    /// <summary>The registry's HTTP API with the run's credentials, to ask before pushing; null without credentials.</summary>
    public RegistryClient? RegistryApi
    {
        get
        {
            lock (loginGate) return registryApi ??= credentials is null ? null : new RegistryClient(Plan.Registry, credentials);
        }
    }

    /// <summary>Ends the login once every lane is done with it; Teardown does it after a failure.</summary>
    public void LogOut()
    {
        lock (loginGate)
        {
            if (registry is null) return;
            registry.Dispose();
            registry = null;
            log($"Logged out of {Plan.Registry}");
        }
    }

    public void Dispose()
    {
        LogOut();
        registryApi?.Dispose();
    }
}
