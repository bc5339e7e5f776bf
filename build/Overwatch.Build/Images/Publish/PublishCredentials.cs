using Overwatch.Build.Images.Plan;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Images.Publish;

/// <summary>A run due to publish needs DOCKER_USERNAME and DOCKER_PASSWORD before anything is built.</summary>
public static class PublishCredentials
{
    /// <summary>Refuses the run when credentials are missing; under --dryrun, which pushes nothing, warns instead.</summary>
    public static void Check(RunIntent intent, BuildPlan plan, Credentials? credentials, Action<string> log)
    {
        if (Missing(intent, plan, credentials) is not { } missing) return;
        if (!intent.DryRun) throw new UsageException(missing);
        log("Warning: " + missing);
    }

    /// <returns>The line saying what is due and what is missing; null when nothing is due or the credentials are there.</returns>
    public static string? Missing(RunIntent intent, BuildPlan plan, Credentials? credentials)
    {
        if (credentials is not null || !(intent.PushesBase || (intent.Pushes && plan.Publish))) return null;
        var what = intent.PushesBase ? "the base images are" : $"{plan.Ref} is";
        return $"{what} due to be published but DOCKER_USERNAME or DOCKER_PASSWORD is not set: export both (credentials are read from the environment only)";
    }
}
