using static Overwatch.Build.Inputs.TargetNames;

namespace Overwatch.Build.Inputs;

/// <summary>Every argument of ours, declared once. A new argument goes here and nowhere else (then regenerate the README table).</summary>
public static class BuildArguments
{
    private static readonly IReadOnlyList<string> ImageTargets = UsingPlan;
    private static readonly string[] RegistryTargets = [PublishBase, DockerImage, Push, Publish];
    private static readonly string[] ExecTargets = [RenderConfig, Shell, Compose, SupervisorUpdate];

    public static readonly ListArgument PythonVersion = new("python-version", "X.Y.Z",
        "build this Python version", "`pythonVersions` of the images file", ImageTargets);

    public static readonly ValueArgument Registry = new("registry", "HOST[:PORT]",
        "registry of every reference", null, ImageTargets, "`registry` of the images file (`docker.io`)");

    public static readonly ValueArgument ImageNamespace = new("image-namespace", "NAME",
        "namespace under the registry (an images file may set `namespace: \"\"` for none)", null, ImageTargets, "`namespace` of the images file (`rehlers`)");

    public static readonly ValueArgument ImagesConfig = new("images-config", "PATH",
        "images file", "docker/images.yaml", ImageTargets);

    public static readonly ValueArgument Branch = new("branch", "NAME",
        "pretend this branch instead of detecting the ref", null, ImageTargets);

    public static readonly ValueArgument Tag = new("tag", "NAME",
        "pretend this tag instead of detecting the ref", null, ImageTargets);

    public static readonly ValueArgument Retries = new("retries", "N",
        "retries of a registry operation after a transient failure (5xx, 429, connection errors, a stall)", "3", RegistryTargets);

    public static readonly ValueArgument RetryBudget = new("retry-budget", "SECONDS",
        "time one registry operation may spend retrying", "300", RegistryTargets);

    public static readonly ValueArgument StallTimeout = new("stall-timeout", "SECONDS",
        "a registry operation that prints nothing for this long is stopped and retried", "600", RegistryTargets);

    public static readonly SwitchArgument AllowOverwrite = new("allow-overwrite",
        "push a release tag (`X.Y.Z-pyP`) that the registry already holds for another image", [Publish, Push]);

    public static readonly ValueArgument Parallel = new("parallel", "N",
        "Python versions pulled, built and pushed at once", null, [DockerBase, PublishBase, DockerImage, Push, Publish],
        "the number of cores (DockerImage: one more, its lanes wait on I/O), at most one per Python version");

    public static readonly ValueArgument Image = new("image", "REF",
        "use this existing app image (e.g. a kit image, or one pulled by digest) instead of the planned one; nothing is built: `SmokeTest` tests it as it is",
        null, [Shell, Compose, SmokeTest], "the planned reference of the chosen `--python-version`");

    public static readonly SwitchArgument SkipSmokeTest = new("skip-smoke-test",
        "emergencies only: push without starting each image on the smoke deployment first (the run says the images were not smoke-tested)", [Publish, Push, SmokeTest]);

    public static readonly SwitchArgument RequireCurrentBase = new("require-current-base",
        "fail instead of building on a base image without the hash of its current inputs (`pyX.Y.Z-HASH`), e.g. for release builds", [DockerImage, Push, Publish]);

    public static readonly ValueArgument ArtifactsDir = new("artifacts-dir", "PATH",
        "where `build-plan.json` (Plan) and `publish.json` (the image targets) are written", "artifacts", [Plan, DockerBase, PublishBase, DockerImage, Push, Publish]);

    public static readonly ValueArgument DeployConfig = new("deploy-config", "PATH",
        "the deploy YAML file (instead of a variable); `SmokeTest`: the smoke deployment instead of the images file's `smoke.deployConfig`", null, [RenderConfig, Compose, SmokeTest]);

    public static readonly ValueArgument DeployConfigEnv = new("deploy-config-env", "NAME",
        "the environment variable holding the deploy YAML", "config", [RenderConfig, Compose]);

    public static readonly ValueArgument ExecDir = new("exec-dir", "PATH",
        $"where configs are rendered and programs keep {string.Join(", ", ExecLayout.Folders.Select(f => $"`{f}/`"))}; never inside the data directory", "exec", ExecTargets);

    public static readonly ValueArgument DeploymentRoot = new("deployment-root", "PATH",
        "the deployment root as the programs see it (`/opt/overwatch` in a container): paths in the configs name it, files are written under the exec directory's parent", null, [RenderConfig]);

    public static readonly ValueArgument DataDir = new("data-dir", "PATH",
        "the data directory the web app serves, mounted into containers", "data", [Shell, Compose]);

    public static readonly SwitchArgument Force = new("force",
        "replace an existing secret file whose contents differ", [RenderConfig, Compose]);

    public static readonly ValueArgument SourceDir = new("source-dir", "PATH",
        "the Overwatch checkout: its commit is planned and built into the app image (`git archive`); `Shell` mounts it at `/opt/overwatch/overwatch`",
        null, ImageTargets, "this checkout");

    public static readonly ValueArgument Command = new("command", "CMD",
        "run this with `/bin/sh -c` instead of an interactive shell", null, [Shell]);

    public static readonly ValueArgument ComposeFile = new("compose-file", "PATH",
        "where the compose file is written", null, [Compose], $"`{ExecLayout.ComposeFile}` in the exec directory");

    public static readonly ValueArgument VirtualHost = new("virtual-host", "HOST[,HOST]",
        $"host names nginx-proxy routes to Overwatch; also writes `{ExecLayout.ProxySite}` in the exec directory", null, [Compose]);

    public static readonly SwitchArgument Up = new("up",
        "start the stack after writing it; with `--network=host`, wait until every service is healthy", [Compose]);

    public static readonly SwitchArgument Down = new("down",
        "stop the stack of the compose file and remove its containers and network (give the `--network` it was started with)", [Compose]);

    public static readonly ValueArgument Network = new("network", "MODE",
        "`bridge`: nginx-proxy in front, Overwatch published on externalIP; `host`: no proxy, each service runs the configs rendered for it and its nginx listens on externalIP:externalPort",
        "bridge", [Compose]);

    public static readonly ValueArgument UpTimeout = new("up-timeout", "SECONDS",
        "how long `--up --network=host` waits for every service to be healthy before failing with its last log lines", "120", [Compose]);

    public static readonly IReadOnlyList<Argument> All =
    [
        PythonVersion, Registry, ImageNamespace, ImagesConfig, Branch, Tag, Retries, RetryBudget, StallTimeout, AllowOverwrite, Parallel, Image, SkipSmokeTest, RequireCurrentBase, ArtifactsDir,
        DeployConfig, DeployConfigEnv, ExecDir, DeploymentRoot, DataDir, Force,
        SourceDir, Command, ComposeFile, VirtualHost, Network, Up, UpTimeout, Down,
    ];
}
