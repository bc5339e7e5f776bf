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

    /// <summary>Logs in when credentials exist (also so that cache pulls of private images work); once per run.</summary>
    public void LogIn()
    {
        if (registry is not null || credentials is null) return;
        log($"Logging in to {Plan.Registry} as {credentials.Username}");
        registry = RegistrySession.Open(docker, Plan.Registry, credentials);
    }

    /// <summary>Logs in, pushes, logs out; after a failure Teardown logs out.</summary>
    public void Push(IEnumerable<string> references)
    {
        LogIn();
        foreach (var reference in references)
        {
            log($"Pushing {reference}");
            docker.Require(DockerCommands.Push(reference), $"docker push of {reference}",
                "the registry refused the push; check that DOCKER_USERNAME may write to this repository");
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
