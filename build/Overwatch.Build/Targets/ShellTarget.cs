using Overwatch.Build.Containers;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Infrastructure.Processes;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Targets;

/// <summary>Shell: opens a shell (or runs --command) in the app image of one Python version.</summary>
public sealed class ShellTarget(BuildContext context)
{
    public void Run()
    {
        var (layout, docker) = (context.Layout, context.Docker);
        var planned = context.Images.ImageToRun();
        var image = planned.References[0];
        var sourceDir = context.Arguments.Get(BuildArguments.SourceDir) is { } source ? Path.GetFullPath(source, layout.Root) : null;
        var command = context.Arguments.Get(BuildArguments.Command);
        if (sourceDir is not null && !Directory.Exists(sourceDir))
            throw new UsageException($"--source-dir '{sourceDir}' does not exist: point it at your Overwatch checkout");

        docker.EnsureDaemon();
        if (!docker.ImageExists(image))
            throw new DockerException(NamedImage.MissingLine(image, context.Images.Named is not null, planned));

        layout.EnsureDataAndExec();
        var container = $"overwatch-shell-{Environment.ProcessId}";
        var spec = ShellCommand.Create(new ShellOptions(image, layout.DataDir, layout.ExecDir, sourceDir, command, container),
            name => context.Environment[name] is not null);

        using var removeOnInterrupt = Interrupts.OnInterrupt(() => docker.Execute(DockerCommands.RemoveContainer(container), quiet: true));
        var exitCode = command is null ? docker.RunAttached(spec) : docker.Execute(spec, quiet: false).ExitCode;
        if (exitCode != 0)
            throw new DockerException($"the {(command is null ? "shell" : "command")} in {image} exited with code {exitCode}");
    }
}
