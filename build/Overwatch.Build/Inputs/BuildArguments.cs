using static Overwatch.Build.Inputs.TargetNames;

namespace Overwatch.Build.Inputs;

/// <summary>Every argument of ours, declared once. A new argument goes here and nowhere else (then regenerate the README table).</summary>
public static class BuildArguments
{
    private static readonly IReadOnlyList<string> ImageTargets = UsingPlan;
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
        "retries of a registry operation after a transient failure (5xx, 429, connection errors, a stall)", "3", ImageTargets);

    public static readonly ValueArgument RetryBudget = new("retry-budget", "SECONDS",
        "time one registry operation may spend retrying", "300", ImageTargets);

    public static readonly ValueArgument StallTimeout = new("stall-timeout", "SECONDS",
        "a registry operation that prints nothing for this long is stopped and retried", "600", ImageTargets);

    public static readonly SwitchArgument AllowOverwrite = new("allow-overwrite",
        "push a release tag (`X.Y.Z-pyP`) that the registry already holds for another image", [Publish, Push]);

    public static readonly SwitchArgument RequireCurrentBase = new("require-current-base",
        "fail instead of building on a base image without the hash of its current inputs (`pyX.Y.Z-HASH`), e.g. for release builds", [DockerImage, Push, Publish]);

    public static readonly ValueArgument ArtifactsDir = new("artifacts-dir", "PATH",
        "where `build-plan.json` is written", "artifacts", [Plan]);

    public static readonly ValueArgument DeployConfig = new("deploy-config", "PATH",
        "the deploy YAML file (instead of a variable)", null, [RenderConfig, Compose]);

    public static readonly ValueArgument DeployConfigEnv = new("deploy-config-env", "NAME",
        "the environment variable holding the deploy YAML", "config", [RenderConfig, Compose]);

    public static readonly ValueArgument ExecDir = new("exec-dir", "PATH",
        $"where configs are rendered and programs keep {string.Join(", ", ExecLayout.Folders.Select(f => $"`{f}/`"))}; never inside the data directory", "exec", ExecTargets);

    public static readonly ValueArgument DeploymentRoot = new("deployment-root", "PATH",
        "the deployment root as the programs see it (`/opt/overwatch` in a container): paths in the configs name it, files are written under the exec directory's parent", null, [RenderConfig]);

    public static readonly ValueArgument DataDir = new("data-dir", "PATH",
        "the data directory the web app serves, mounted into containers", "data", [Shell, Compose]);

    public static readonly SwitchArgument Force = new("force",
        "replace an existing secret file whose contents differ", [RenderConfig]);

    public static readonly ValueArgument SourceDir = new("source-dir", "PATH",
        "an Overwatch checkout mounted at `/opt/overwatch/overwatch`", null, [Shell]);

    public static readonly ValueArgument Command = new("command", "CMD",
        "run this with `/bin/sh -c` instead of an interactive shell", null, [Shell]);

    public static readonly ValueArgument ComposeFile = new("compose-file", "PATH",
        "where the compose file is written", null, [Compose], $"`{ExecLayout.ComposeFile}` in the exec directory");

    public static readonly ValueArgument VirtualHost = new("virtual-host", "HOST[,HOST]",
        $"host names nginx-proxy routes to Overwatch; also writes `{ExecLayout.ProxySite}` in the exec directory", null, [Compose]);

    public static readonly SwitchArgument Up = new("up",
        "start the stack after writing it", [Compose]);

    public static readonly IReadOnlyList<Argument> All =
    [
        PythonVersion, Registry, ImageNamespace, ImagesConfig, Branch, Tag, Retries, RetryBudget, StallTimeout, AllowOverwrite, RequireCurrentBase, ArtifactsDir,
        DeployConfig, DeployConfigEnv, ExecDir, DeploymentRoot, DataDir, Force,
        SourceDir, Command, ComposeFile, VirtualHost, Up,
    ];
}
