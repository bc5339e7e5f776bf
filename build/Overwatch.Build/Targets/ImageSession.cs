using Overwatch.Build.Images.Plan;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Targets;

/// <summary>The build plan of one run and the registry login that pushes it.</summary>
public sealed class ImageSession : IDisposable
{
    private readonly Credentials? credentials;
    private readonly DockerCli docker;
    private readonly Action<string> log;
    private RegistrySession? registry;

    private ImageSession(BuildPlan plan, Credentials? credentials, DockerCli docker, Action<string> log)
    {
        Plan = plan;
        this.credentials = credentials;
        this.docker = docker;
        this.log = log;
    }

    public BuildPlan Plan { get; }

    public static ImageSession Start(BuildContext context)
    {
        var inputs = ImageInputs.Read(context.Arguments, context.Environment, context.Git, context.Layout.Root, context.Clock.GetUtcNow());
        var plan = BuildPlanner.Create(inputs);
        context.Log(PlanTable.Render(plan));
        var pushesBase = context.IsScheduled(TargetNames.PublishBase);
        if ((pushesBase || (context.IsScheduled(TargetNames.Push) && plan.Publish)) && inputs.Credentials is null)
        {
            var what = pushesBase ? "the base images are" : $"{plan.Ref} is";
            var missing = $"{what} due to be published but DOCKER_USERNAME or DOCKER_PASSWORD is not set: export both (credentials are read from the environment only)";
            if (!context.DryRun) throw new UsageException(missing);
            context.Log("Warning: " + missing);
        }
        return new ImageSession(plan, inputs.Credentials, context.Docker, context.Log);
    }

    /// <summary>Shell and Compose use one image: the chosen --python-version, else the first of the matrix.</summary>
    public ImagePlan SingleImage()
    {
        if (Plan.Images.Count > 1)
            log($"Using Python {Plan.Images[0].Python}, the first of the matrix (pass --python-version=X.Y.Z to choose).");
        return Plan.Images[0];
    }

    /// <summary>Logs in when credentials exist; once per run. Only pushes and refused pulls need it.</summary>
    public void LogIn()
    {
        if (registry is not null || credentials is null) return;
        log($"Logging in to {Plan.Registry} as {credentials.Username}");
        registry = RegistrySession.Open(docker, Plan.Registry, credentials);
    }

    /// <summary>
    /// A run that pushes logs in before its first pull, which then needs no refused anonymous attempt first; a
    /// run that publishes nothing still never depends on a working login.
    /// </summary>
    public void LogInIfPushing(bool pushScheduled)
    {
        if (pushScheduled && Plan.Publish) LogIn();
    }

    /// <summary>
    /// For a pull the registry refused without credentials: null when there are none, false when the login
    /// failed (a warning: a missing cache image costs time, and a missing base image says so itself).
    /// </summary>
    public bool? LogInForPull()
    {
        if (credentials is null) return null;
        try
        {
            LogIn();
            return true;
        }
        catch (DockerException e)
        {
            log("Warning: " + e.Message.Split('\n')[0]);
            return false;
        }
    }

    /// <summary>
    /// Logs in, pushes in the order given (each version's own tags before its floating ones), logs out; after a
    /// failure Teardown logs out. A release reference is pushed only when the registry does not hold another image
    /// under it, unless <paramref name="allowOverwrite"/>. A failure lists what was and was not pushed.
    /// </summary>
    public void Push(IReadOnlyList<(string Reference, bool Immutable)> pushes, bool allowOverwrite)
    {
        LogIn();
        var account = new PushAccount(pushes.Select(p => p.Reference).ToList());
        var guard = new ReleaseGuard(docker, Plan.Registry, log);
        foreach (var (reference, immutable) in pushes)
        {
            if (immutable && guard.Check(reference, allowOverwrite) is { } skip)
            {
                log(skip);
                account.Skipped(reference);
                continue;
            }
            log($"Pushing {reference}");
            var outcome = docker.Registry(DockerCommands.Push(reference), $"push of {reference}", quiet: false);
            if (!outcome.Succeeded)
                throw new DockerException(
                    $"docker push of {reference} failed: {outcome.Summary}; {outcome.LastFailure!.Fix}. {account.Describe()}" +
                    System.Environment.NewLine + docker.Mask(outcome.Result.Tail()));
            account.Pushed(reference);
        }
        LogOut();
    }

    private void LogOut()
    {
        if (registry is null) return;
        registry.Dispose();
        registry = null;
        log($"Logged out of {Plan.Registry}");
    }

    public void Dispose() => LogOut();
}
