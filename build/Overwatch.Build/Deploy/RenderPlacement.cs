using Overwatch.Build.Deploy.Model;
using Overwatch.Build.Deploy.Rendering;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Deploy;

/// <summary>Where the rendered files point (the programs' view of the deployment root) and where they are written here.</summary>
public static class RenderPlacement
{
    /// <summary>
    /// Rendered for the programs' view of the deployment root (--deployment-root, e.g. /opt/overwatch in a
    /// container), written under the exec directory's parent here; without it both are the same.
    /// </summary>
    public static RenderSettings Settings(RenderConfigOptions options, string execDir, string deploymentRoot,
        IReadOnlyDictionary<string, string?> environment)
    {
        if (options.DeploymentRoot is not { } seenAs)
        {
            // The programs run here, as this user: ssh and xrdgsiproxy look in this home without being told.
            environment.TryGetValue("HOME", out var home);
            return new RenderSettings(deploymentRoot, execDir) { ProgramsHome = home is { Length: > 0 } && Path.IsPathRooted(home) ? home : null };
        }
        if (!Path.IsPathRooted(seenAs))
            throw new UsageException($"--deployment-root '{seenAs}' is relative; give the absolute path the programs see, e.g. {RenderConfigOptions.ContainerRoot}");
        var root = Path.GetFullPath(seenAs);
        // The exec directory is mounted at ROOT/exec, whatever it is called here.
        return new RenderSettings(root, Path.Combine(root, BuildArguments.ExecDir.DefaultValue!)) { Output = (deploymentRoot, execDir) };
    }

    // What MountedRoot's rules did not foresee: any rendered file that would not reach the programs.
    public static void CheckUnderDeploymentRoot(IEnumerable<RenderedFile> files, RenderSettings settings, MountedRoot? mounted, List<DeployProblem> problems)
    {
        foreach (var file in files.Where(f => settings.OutputPath(f.Path) is null))
        {
            problems.Add(new DeployProblem(settings.Absolute(file.Path), null,
                $"is outside {mounted?.Name ?? "the deployment root " + settings.WorkingDirectory}, so it would not reach the programs; use a relative path (e.g. nginx.basePath: \"exec/nginx\")"));
        }
    }
}
