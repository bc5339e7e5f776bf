namespace Overwatch.Build.Deploy.Model;

/// <summary>
/// One Overwatch container of a compose stack and the executables it runs (its OVERWATCH_EXECUTABLES),
/// from the deploy YAML's optional <c>containers</c> map.
/// </summary>
public sealed record ContainerGroup(string Name, IReadOnlyList<string> Executables, int Line)
{
    public string YamlPath => $"containers.{Name}";
}
