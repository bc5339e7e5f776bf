using Overwatch.Build.Deploy.Model;

namespace Overwatch.Build.Deploy;

/// <summary>What RenderConfig did: absolute paths written or found already identical, and the model it rendered.</summary>
public sealed record RenderResult(DeployConfig Config, IReadOnlyList<string> WrittenFiles, IReadOnlyList<string> UnchangedFiles);
