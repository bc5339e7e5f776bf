using Overwatch.Build.Images.Plan;
using Overwatch.Build.Images.Refs;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Infrastructure.Processes;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Targets;

/// <summary>
/// What every target works with, made once in Setup and handed to each task: the arguments, the deployment
/// layout, the environment, the clock, Cake's dry-run flag, the one process runner and the log. The image
/// session (plan, credentials, registry login) is made on first use.
/// </summary>
public sealed class BuildContext : IDisposable
{
    private readonly Lazy<ImageSession> images;

    public BuildContext(ArgumentSet arguments, DeploymentLayout layout, EnvironmentVariables environment, TimeProvider clock,
        RunIntent intent, IProcessRunner runner, ILocalGit git, Action<string> log)
    {
        Git = git;
        Arguments = arguments;
        Layout = layout;
        Environment = environment;
        Clock = clock;
        Intent = intent;
        Runner = runner;
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
    public string SourceDir => SourceDirectory(Arguments, Layout);

    /// <summary>The plan, the credentials and the registry login of the image targets; made on first use.</summary>
    public ImageSession Images => images.Value;

    public BuildPlan Plan => Images.Plan;

    /// <summary>
    /// Reads every input and fails on bad input before anything is built or pushed. When a scheduled target uses the
    /// plan it is made here, so it is printed (also under --dryrun) and missing credentials stop the run first.
    /// </summary>
    public static BuildContext Start(
        IEnumerable<KeyValuePair<string, ICollection<string>>> cakeArguments,
        IEnumerable<string> targetsToRun,
        string root,
        Action<string> log)
    {
        Interrupts.Install();
        var orphans = TemporaryDockerConfigs.RemoveOrphans();
        if (orphans > 0) log($"Removed {orphans} temporary docker login(s) left by an earlier run that was killed.");
        var arguments = new ArgumentSet(cakeArguments);
        var layout = DeploymentLayout.Resolve(root, arguments);
        var runner = new ProcessRunner();
        var git = new LocalGit(SourceDirectory(arguments, layout), runner);
        var intent = RunIntent.From(targetsToRun, arguments, CakeSwitches.IsDryRun(System.Environment.GetCommandLineArgs()));
        // --image must be refused before a build or push of the planned images starts.
        NamedImage.Read(arguments, intent.Target);
        var context = new BuildContext(arguments, layout, EnvironmentVariables.FromProcess(), TimeProvider.System, intent, runner, git, log);
        PlatformSupport.Check(intent.Steps, OperatingSystem.IsWindows());
        if (intent.Plans)
        {
            // The plan needs HEAD's revision and time: git answers while images.yaml is read.
            git.ReadHeadAhead();
            _ = context.Images;
        }
        return context;
    }

    /// <summary>Teardown: writes the publish record of an image run (also after a failure), then ends the run.</summary>
    /// <param name="failure">What ended the run, or null when it succeeded.</param>
    public void Finish(Exception? failure)
    {
        try
        {
            var ended = failure ?? (Interrupts.Interrupted ? new OperationCanceledException("the run was interrupted") : null);
            // Held so an interrupt's forced exit never lands while the record is being swapped into place.
            if (images.IsValueCreated && images.Value.Report is { } report)
                lock (Interrupts.CriticalSection) report.Write(ended);
        }
        finally
        {
            Dispose();
        }
    }

    // The ref and commit of the plan are those of the source that is built.
    private static string SourceDirectory(ArgumentSet arguments, DeploymentLayout layout) =>
        arguments.Get(BuildArguments.SourceDir) is { } source ? Path.GetFullPath(source, layout.Root) : layout.Root;

    public void Dispose()
    {
        if (images.IsValueCreated) images.Value.Dispose();
        Interrupts.ExitIfInterrupted();
    }
}
