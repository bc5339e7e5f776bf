using Overwatch.Build.Containers;
using Overwatch.Build.Images.Plan;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Targets;

/// <summary>Opens a shell (or runs --command) in the app image of one Python version.</summary>
public sealed class ShellTarget(BuildPlan plan, DockerCli docker)
{
    public void Run(string dataDir, string execDir, string? sourceDir, string? command, Func<string, bool> isSet)
    {
        var image = plan.Images[0].References[0];
        if (sourceDir is not null && !Directory.Exists(sourceDir))
            throw new UsageException($"--source-dir '{sourceDir}' does not exist: point it at your Overwatch checkout");

        docker.EnsureDaemon();
        if (!docker.ImageExists(image))
            throw new DockerException($"image {image} is not built: build it with ./build.sh --target=DockerImage --python-version={plan.Images[0].Python}");

        Directory.CreateDirectory(dataDir);
        ExecDirectories.Ensure(execDir);
        var spec = ShellCommand.Create(new ShellOptions(image, dataDir, execDir, sourceDir, command), isSet);

        var exitCode = command is null ? docker.RunAttached(spec) : docker.Execute(spec, quiet: false).ExitCode;
        if (exitCode != 0)
            throw new DockerException($"the {(command is null ? "shell" : "command")} in {image} exited with code {exitCode}");
    }
}
