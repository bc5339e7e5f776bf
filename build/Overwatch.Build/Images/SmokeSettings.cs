namespace Overwatch.Build.Images;

/// <summary>
/// The smoke test of the app images (the images file's <c>smoke:</c>): the deploy YAML the container is started
/// with, and what a request through its nginx must answer, within how long.
/// </summary>
/// <param name="DeployConfig">Absolute path of the smoke deploy YAML (relative to the images file when written).</param>
/// <param name="Host">The Host header of the request; the site's server_name.</param>
/// <param name="Path">The path requested, e.g. <c>/</c>.</param>
/// <param name="ExpectedStatus">The HTTP status that counts as an answer, e.g. 200.</param>
/// <param name="TimeLimit">From <c>docker run</c> to every program RUNNING and the expected answer.</param>
public sealed record SmokeSettings(string DeployConfig, string Host, string Path, int ExpectedStatus, TimeSpan TimeLimit)
{
    public const string DefaultPath = "/";
    public const int DefaultStatus = 200;
    public static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromSeconds(120);

    /// <summary>The variables the smoke deploy YAML reads with <c>!expandVars</c>: free ports picked for each run.</summary>
    public static readonly IReadOnlyList<string> PortVariables =
        ["OVERWATCH_SMOKE_HTTP_PORT", "OVERWATCH_SMOKE_CONTROL_PORT", "OVERWATCH_SMOKE_STATS_PORT", "OVERWATCH_SMOKE_ZEO_PORT"];

    public const string HttpPortVariable = "OVERWATCH_SMOKE_HTTP_PORT";
}
