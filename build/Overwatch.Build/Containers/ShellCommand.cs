using Overwatch.Build.Infrastructure.Processes;

namespace Overwatch.Build.Containers;

/// <summary>
/// The docker run of the Shell target, as in the seed's EOS example: data/, exec/ (and the Overwatch source)
/// mounted under /opt/overwatch, secrets passed by name only (<c>-e NAME</c>, docker reads the value from its
/// own environment), OVERWATCH_EXECUTABLES never passed so overwatchDeploy enables nothing by itself.
/// </summary>
public static class ShellCommand
{
    public static readonly IReadOnlyList<string> PassedVariables = ["config", "gridCert", "gridKey", "sshKey"];

    public static ProcessSpec Create(ShellOptions options, Func<string, bool> isSet)
    {
        var arguments = new List<string> { "run", "--rm" };
        if (options.Command is null) arguments.Add("-it");
        if (options.Name is not null) arguments.AddRange(["--name", options.Name]);
        arguments.AddRange(["-v", $"{options.DataDir}:{AppContainer.Root}/data", "-v", $"{options.ExecDir}:{AppContainer.ExecMount}"]);
        if (options.SourceDir is not null) arguments.AddRange(["-v", $"{options.SourceDir}:{AppContainer.Root}/overwatch"]);
        foreach (var name in PassedVariables.Where(isSet)) arguments.AddRange(["-e", name]);
        arguments.Add(options.Image);
        arguments.AddRange(options.Command is null ? ["/bin/bash"] : ["/bin/sh", "-c", options.Command]);
        return new ProcessSpec("docker", arguments);
    }
}
