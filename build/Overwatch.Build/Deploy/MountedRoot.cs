using Overwatch.Build.Deploy.Model;

namespace Overwatch.Build.Deploy;

/// <summary>
/// Rendered for programs that see the deployment root elsewhere (a container mounting it at /opt/overwatch), only
/// what lies under that root reaches them. Pure, checked with the YAML's other rules so they are all reported at once.
/// </summary>
/// <param name="Root">The deployment root as the programs see it.</param>
/// <param name="Name">How the messages name it: the argument that set it, or what it is (a user may not have passed any).</param>
public sealed record MountedRoot(string Root, string Name)
{
    public static MountedRoot FromArgument(string root) => new(root, $"--deployment-root {root}");

    public static MountedRoot OfContainer(string root) => new(root, $"the container's deployment root {root}");

    public IReadOnlyList<DeployProblem> Problems(DeployConfig config)
    {
        var problems = new List<DeployProblem>();
        if (config.Nginx is { Site: var site } && !IsUnder(Path.GetFullPath(site.BasePath, Root)))
        {
            var given = site.BasePathLine is null ? $"{site.BasePath} (the default)" : site.BasePath;
            problems.Add(new DeployProblem($"{site.YamlPath}.basePath", site.BasePathLine ?? site.Line,
                $"{given} is outside {Name}, so nginx would never read the site rendered there: use a relative path, e.g. basePath: \"exec/nginx\""));
        }
        return problems;
    }

    private bool IsUnder(string path) => path.StartsWith(Root.TrimEnd('/') + "/", StringComparison.Ordinal);
}
