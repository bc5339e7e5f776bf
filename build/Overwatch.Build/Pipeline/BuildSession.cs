using Overwatch.Build.Docker;
using Overwatch.Build.Inputs;
using Overwatch.Build.IO;
using Overwatch.Build.Plan;
using Overwatch.Build.Processes;
using Overwatch.Build.Refs;

namespace Overwatch.Build.Pipeline;

/// <summary>
/// The typed state build.cake hands to every task. Reads all inputs once, in Setup, and fails there
/// (before anything is built or pushed) on bad input.
/// </summary>
public sealed class BuildSession : IDisposable
{
    private readonly Action<string> log;
    private readonly DockerCli docker;
    private readonly ImageInputs? imageInputs;
    private RegistrySession? registry;

    private BuildSession(string root, ArgumentSet arguments, EnvironmentVariables env, ImageInputs? imageInputs, BuildPlan? plan, Action<string> log)
    {
        Root = root;
        Arguments = arguments;
        Environment = env;
        this.imageInputs = imageInputs;
        Plan = plan;
        this.log = log;
        docker = new DockerCli(new ProcessRunner(), log);
    }

    public string Root { get; }
    public ArgumentSet Arguments { get; }
    public EnvironmentVariables Environment { get; }

    /// <summary>Null when no image target runs (e.g. RenderConfig alone).</summary>
    public BuildPlan? Plan { get; }

    public static BuildSession Start(
        IEnumerable<KeyValuePair<string, ICollection<string>>> cakeArguments,
        IEnumerable<string> targetsToRun,
        string root,
        Action<string> log)
    {
        var arguments = new ArgumentSet(cakeArguments);
        var env = EnvironmentVariables.FromProcess();
        var targets = targetsToRun.ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!TargetNames.ImageTargets.Any(targets.Contains))
            return new BuildSession(root, arguments, env, null, null, log);

        var inputs = ImageInputs.Read(arguments, env, new LocalGit(root, new ProcessRunner()), root, DateTimeOffset.UtcNow);
        var plan = BuildPlanner.Create(inputs);
        log(PlanTable.Render(plan));
        var pushDue = (targets.Contains(TargetNames.Publish) && plan.Publish) || targets.Contains(TargetNames.PublishBase);
        if (pushDue && inputs.Credentials is null)
        {
            var what = targets.Contains(TargetNames.PublishBase) ? "the base images are" : $"{plan.Ref} is";
            var missing = $"{what} due to be published but DOCKER_USERNAME or DOCKER_PASSWORD is not set: export both (credentials are read from the environment only)";
            if (!CakeSwitches.IsDryRun(System.Environment.GetCommandLineArgs())) throw new UsageException(missing);
            log("Warning: " + missing);
        }
        return new BuildSession(root, arguments, env, inputs, plan, log);
    }

    private BuildPlan RequirePlan => Plan ?? throw new InvalidOperationException("no image target was scheduled in Setup");

    private ImagePipeline Pipeline => new(RequirePlan, docker, log);

    public void WritePlan()
    {
        var path = Path.Combine(Root, "artifacts", "build-plan.json");
        AtomicFile.WriteAllText(path, BuildPlanJson.Serialize(RequirePlan));
        log($"Wrote {Path.GetRelativePath(Root, path)}");
    }

    public void BuildBaseImages() => Pipeline.BuildBaseImages();

    public void BuildAppImages() => Pipeline.BuildAppImages(() => OpenRegistry());

    /// <summary>Pushes every planned reference, or says in one line why the policy publishes nothing.</summary>
    public void Publish()
    {
        if (!RequirePlan.Publish)
        {
            log($"Not publishing: {RequirePlan.Reason}.");
            return;
        }
        LoggedIn(Pipeline.Push);
    }

    /// <summary>Pushes the base images, whatever the ref: their tags (pyX.Y.Z) do not depend on it.</summary>
    public void PublishBaseImages()
    {
        LoggedIn(Pipeline.PushBaseImages);
    }

    /// <summary>Logs in, pushes, logs out; after a failure Teardown logs out.</summary>
    private void LoggedIn(Action push)
    {
        OpenRegistry();
        push();
        CloseRegistry();
    }

    private void OpenRegistry()
    {
        if (registry is not null || imageInputs?.Credentials is not { } credentials) return;
        log($"Logging in to {RequirePlan.Registry} as {credentials.Username}");
        registry = RegistrySession.Open(docker, RequirePlan.Registry, credentials);
    }

    private void CloseRegistry()
    {
        if (registry is null) return;
        registry.Dispose();
        registry = null;
        log($"Logged out of {RequirePlan.Registry}");
    }

    private string DataDir => Path.Combine(Root, "data");

    private string ExecDir => Run.ExecDirectories.Validate(
        Path.GetFullPath(Arguments.Single("exec-dir") ?? Deploy.RenderConfigOptions.DefaultExecDir, Root), DataDir);

    public void RenderConfig()
    {
        var options = new Deploy.RenderConfigOptions(
            Arguments.Single("deploy-config"),
            Arguments.Single("deploy-config-env"),
            ExecDir,
            Path.Combine(Root, "templates"),
            Root,
            Arguments.Flag("force"),
            Arguments.Single("deployment-root"));
        using var writer = new LogWriter(log);
        Deploy.RenderConfigRunner.Run(options, Environment.All, writer);
    }

    public void UpdateSupervisor() => new Run.SupervisorUpdate(new ProcessRunner(), log).Run(ExecDir);

    public void Compose()
    {
        var plan = SinglePythonPlan();
        var execDir = ExecDir;
        var source = Deploy.DeployConfigSource.Read(Arguments.Single("deploy-config"), Arguments.Single("deploy-config-env"), Environment.All, Root, required: false);
        var config = source is { } given ? Deploy.DeployConfigLoader.Load(given.Yaml, Environment.All) : null;
        var composePlan = Run.ComposePlan.Create(plan.Images[0].References[0], DataDir, execDir,
            Run.ComposeNetwork.Read(Environment), Run.VirtualHost.Parse(Arguments.Single("virtual-host")), config);
        var composeFile = Path.GetFullPath(Arguments.Single("compose-file") ?? Path.Combine(execDir, "docker-compose.yml"), Root);
        new Run.ComposeTarget(Run.ComposeTool.Find(new ProcessRunner()), log)
            .Run(composePlan, composeFile, new Deploy.Rendering.TemplateSet(Path.Combine(Root, "templates")), Arguments.Flag("up"));
    }

    /// <summary>Shell and Compose use one image: the chosen --python-version, else the first of the matrix.</summary>
    private BuildPlan SinglePythonPlan()
    {
        var plan = RequirePlan;
        if (plan.Images.Count > 1)
            log($"Using Python {plan.Images[0].Python}, the first of the matrix (pass --python-version=X.Y.Z to choose).");
        return plan;
    }

    public void OpenShell()
    {
        var execDir = ExecDir;
        var sourceDir = Arguments.Single("source-dir") is { } source ? Path.GetFullPath(source, Root) : null;
        new Run.ShellTarget(SinglePythonPlan(), docker).Run(DataDir, execDir, sourceDir, Arguments.Single("command"), name => Environment[name] is not null);
    }

    public void Dispose() => CloseRegistry();
}
