using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Infrastructure.Processes;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Containers;

/// <summary>A shell (or one command) in an app image, with the data and exec directories mounted; the container goes on an interrupt too.</summary>
public sealed class ShellSession(DockerCli docker, DeploymentLayout layout, EnvironmentVariables environment)
{
    /// <param name="missingImage">The line that says the image is not here, and how to get it.</param>
    public void Run(string image, string? sourceDir, string? command, string missingImage)
    {
        if (sourceDir is not null && !Directory.Exists(sourceDir))
            throw new UsageException($"--source-dir '{sourceDir}' does not exist: point it at your Overwatch checkout");

        docker.EnsureDaemon();
        if (!docker.ImageExists(image)) throw new DockerException(missingImage);

        layout.EnsureDataAndExec();
        var container = $"overwatch-shell-{Environment.ProcessId}";
        var spec = ShellCommand.Create(new ShellOptions(image, layout.DataDir, layout.ExecDir, sourceDir, command, container),
            name => environment[name] is not null);

        using var removeOnInterrupt = Interrupts.OnInterrupt(() => docker.Execute(DockerCommands.RemoveContainer(container), quiet: true));
        var exitCode = command is null ? docker.RunAttached(spec) : docker.Execute(spec, quiet: false).ExitCode;
        if (exitCode != 0)
            throw new DockerException($"the {(command is null ? "shell" : "command")} in {image} exited with code {exitCode}");
    }
}
