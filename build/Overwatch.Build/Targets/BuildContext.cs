using Overwatch.Build.Images.Plan;
using Overwatch.Build.Images.Refs;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Infrastructure.Processes;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Targets;

/// <summary>
/// What every target works with, made once in Setup and handed to each task: the arguments, what the run means to do,
/// the deployment layout, the environment, the clock, the one process runner and the log. The image session (plan,
/// credentials, registry login, publish record) is made on first use. Made by <see cref="BuildSetup.Start"/>.
/// </summary>
public sealed class BuildContext : IDisposable
{
    private readonly Lazy<ImageSession> images;

    public BuildContext(ArgumentSet arguments, DeploymentLayout layout, EnvironmentVariables environment, TimeProvider clock,
        RunIntent intent, IProcessRunner runner, ILocalGit git, Action<string> log)
    {
        (Arguments, Layout, Environment, Clock, Intent, Runner, Git) = (arguments, layout, environment, clock, intent, runner, git);
        // Lanes (Python versions run side by side) write to it at once: one line at a time, each with its lane's prefix.
        Log = LaneLog.Wrap(log);
        Docker = new DockerCli(runner, Log) { Retries = RetryPolicies.From(RetryArguments.Read(arguments)) };
        images = new Lazy<ImageSession>(() => ImageSession.Start(this));
    }

    public ArgumentSet Arguments { get; }
    public DeploymentLayout Layout { get; }
    public EnvironmentVariables Environment { get; }
    public TimeProvider Clock { get; }

    /// <summary>What the run means to do, decided once in Setup from the scheduled targets and the arguments.</summary>
    public RunIntent Intent { get; }

    public IProcessRunner Runner { get; }
    public ILocalGit Git { get; }
    public DockerCli Docker { get; }
    public Action<string> Log { get; }

    /// <summary>The Overwatch checkout the images are built from: --source-dir, else the build checkout.</summary>
    public string SourceDir => SourceCheckout.Directory(Arguments, Layout);

    /// <summary>The plan, the credentials and the registry login of the image targets; made on first use.</summary>
    public ImageSession Images => images.Value;

    public BuildPlan Plan => Images.Plan;

    /// <summary>Teardown: writes the publish record of an image run (also after a failure), then ends the run.</summary>
    /// <param name="failure">What ended the run, or null when it succeeded.</param>
    public void Finish(Exception? failure)
    {
        try
        {
            if (images.IsValueCreated) images.Value.Report?.WriteAtEnd(failure);
        }
        finally
        {
            Dispose();
        }
    }

    public void Dispose()
    {
        if (images.IsValueCreated) images.Value.Dispose();
        Interrupts.ExitIfInterrupted();
    }
}
