using Overwatch.Build.Images.Plan;
using Overwatch.Build.Images.Refs;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Infrastructure.Processes;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Targets;

/// <summary>Setup of a run: the build context, made once from Cake's arguments and scheduled tasks.</summary>
public static class BuildSetup
{
    /// <summary>
    /// Reads every input and fails on bad input before anything is built or pushed. When the run uses the plan it is
    /// made here, so it is printed (also under --dryrun) and missing credentials stop the run first.
    /// </summary>
    public static BuildContext Start(IEnumerable<KeyValuePair<string, ICollection<string>>> cakeArguments, IEnumerable<string> targetsToRun,
        string root, Action<string> log)
    {
        Interrupts.Install();
        var orphans = TemporaryDockerConfigs.RemoveOrphans();
        if (orphans > 0) log($"Removed {orphans} temporary docker login(s) left by an earlier run that was killed.");
        var arguments = new ArgumentSet(cakeArguments);
        var layout = DeploymentLayout.Resolve(root, arguments);
        var runner = new ProcessRunner();
        var git = new LocalGit(SourceCheckout.Directory(arguments, layout), runner);
        var intent = RunIntent.From(targetsToRun, arguments, CakeSwitches.IsDryRun(System.Environment.GetCommandLineArgs()));
        // --image must be refused before a build or push of the planned images starts.
        NamedImage.Read(arguments, intent.Target);
        var context = new BuildContext(arguments, layout, EnvironmentVariables.FromProcess(), TimeProvider.System, intent, runner, git, log);
        PlatformSupport.Check(intent.Steps, OperatingSystem.IsWindows());
        if (!intent.Plans) return context;
        // The plan needs HEAD's revision and time: git answers while images.yaml is read.
        git.ReadHeadAhead();
        _ = context.Images;
        return context;
    }
}
