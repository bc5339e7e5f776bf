namespace Overwatch.Build.Inputs;

/// <summary>
/// Where the app image's start command (docker/overwatch-start) looks for its deployment in every container of the
/// image: the smoke test's, Shell's mounts, Compose's services. Declared here only, in the lowest layer, because the
/// deploy rendering names it as well as the containers.
/// </summary>
public static class AppImageRoot
{
    public const string Path = "/opt/overwatch";
}
