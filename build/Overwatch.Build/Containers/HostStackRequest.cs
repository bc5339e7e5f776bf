using Overwatch.Build.Images.Plan;

namespace Overwatch.Build.Containers;

/// <summary>
/// What Compose --network=host is asked: the deploy YAML (file or variable), --force, --up with its time-out, --virtual-host
/// (both read before anything is written or started), the image to run and the line that says it is missing.
/// </summary>
public sealed record HostStackRequest(
    string? DeployConfig,
    string? DeployConfigEnv,
    bool Force,
    bool Up,
    TimeSpan UpTimeout,
    string? VirtualHost,
    ImagePlan Image,
    string MissingImage);
