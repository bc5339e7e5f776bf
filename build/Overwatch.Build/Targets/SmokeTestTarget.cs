using Overwatch.Build.Images.Plan;
using Overwatch.Build.Containers;
using Overwatch.Build.Images;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Targets;

/// <summary>
/// SmokeTest: starts every built app image on the smoke deployment of the images file and requires every program
/// RUNNING and the expected answer through its nginx in time. Publish runs it before the first push: one failed
/// version stops every push (a release is all versions or none). --skip-smoke-test skips it, saying so.
/// </summary>
public sealed class SmokeTestTarget(BuildContext context)
{
    public void Run()
    {
        var (plan, results) = (context.Plan, context.Images.Smoke);
        // --image: that image as it is, under the plan of the chosen Python version (its smoke deployment, its name).
        IReadOnlyList<ImagePlan> images = context.Images.Named is null ? context.Images.Settled.Unsettled(plan.Images) : [context.Images.ImageToRun()];
        if (images.Count == 0)
        {
            context.Log("Nothing to smoke-test: the registry holds images of the current inputs for every version.");
            return;
        }
        var versions = string.Join(", ", images.Select(i => i.Python));
        if (!context.Intent.SmokeTests)
        {
            foreach (var image in images) Add(image.Python, new SmokeResult(image.Python.ToString(), SmokeState.Skipped, null, TimeSpan.Zero));
            context.Log($"Warning: --skip-smoke-test: the images of Python {versions} are NOT smoke-tested; a push publishes them without their having started once.");
            return;
        }
        if (plan.Smoke is not { } smoke)
            throw new UsageException(
                "the images file names no smoke deployment, so the images cannot be smoke-tested before a push: " +
                "add smoke: {deployConfig, host} to it (see docker/images.yaml), or pass --skip-smoke-test");
        smoke = WithDeployConfigArgument(smoke);
        context.Docker.EnsureDaemon();
        if (context.Images.Named is { } named && !context.Docker.ImageExists(named))
            throw new Infrastructure.Docker.DockerException(NamedImage.MissingLine(named, named: true, images[0]));

        new SmokeRun(context.Docker, context.Log, context.Layout, smoke, Guid.NewGuid().ToString("N")[..8]).TestAll(images, results, Record);
    }

    /// <summary>--deploy-config: another smoke deployment (with the images file's host, path, status and time limit).</summary>
    private SmokeSettings WithDeployConfigArgument(SmokeSettings smoke)
    {
        if (context.Arguments.Get(BuildArguments.DeployConfig) is not { } file) return smoke;
        var path = Path.GetFullPath(file, context.Layout.Root);
        if (!File.Exists(path))
            throw new UsageException($"--deploy-config: file '{file}' does not exist (looked at {path}); give the path of the smoke deploy YAML");
        return smoke with { DeployConfig = path };
    }

    /// <summary>Kept for the run's report.</summary>
    private void Add(Images.PythonVersion python, SmokeResult result)
    {
        context.Images.Smoke.Add(result);
        Record(python, result);
    }

    /// <summary>Written into publish.json.</summary>
    private void Record(Images.PythonVersion python, SmokeResult result) =>
        context.Images.Record?.SmokeTested(python, result.State switch
        {
            SmokeState.Passed => "passed",
            SmokeState.Skipped => "skipped (--skip-smoke-test)",
            _ => "failed: " + result.Failure,
        });
}
