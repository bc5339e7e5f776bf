using System.Security.Cryptography;
using System.Text;
using Overwatch.Build.Deploy.Model;

namespace Overwatch.Build.Containers;

/// <summary>
/// The host-network stack, decided before anything is rendered: pure. A service per <c>containers:</c> entry (else one,
/// <c>overwatch</c>), each with its own directory under <see cref="StackDir"/>; the compose project is named after the
/// compose file, so --up and --down of one stack agree and two stacks on one host do not.
/// </summary>
public sealed record HostStackPlan(string Image, string DataDir, string StackDir, string Project, IReadOnlyList<HostService> Services)
{
    /// <summary>The directory, next to the compose file, that holds a folder per service.</summary>
    public const string StackFolder = "stack";

    public static HostStackPlan Create(string image, string dataDir, string composeFile, DeployConfig config)
    {
        var stackDir = Path.Combine(Path.GetDirectoryName(composeFile)!, StackFolder);
        IReadOnlyList<HostService> services = config.Containers.Count == 0
            ? [new HostService("overwatch", null, Path.Combine(stackDir, "overwatch"), 0)]
            : config.Containers.Select((group, index) =>
                new HostService(group.Name, string.Join(',', group.Executables), Path.Combine(stackDir, group.Name), index)).ToList();
        return new HostStackPlan(image, dataDir, stackDir, ProjectName(composeFile), services);
    }

    /// <summary>Handing files to the image's user takes chown, which only root may do.</summary>
    public static void RequireRoot(string user)
    {
        if (user != "root")
            throw new Inputs.UsageException($"Compose --network=host hands the rendered files and secrets to the image's user overwatch (uid {ImageUser.Uid}) with chown, which needs root, not {user}: " +
                $"run it as root (sudo ./build.sh ...), or render with RenderConfig --deployment-root={AppContainer.Root}, chown -R {ImageUser.Owner} and docker run yourself");
    }

    public static string ProjectName(string composeFile) =>
        "overwatch-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(composeFile))))[..10];
}
