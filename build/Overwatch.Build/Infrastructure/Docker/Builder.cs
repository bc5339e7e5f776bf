namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>
/// Which builder a plain `docker build` of this run uses, and why: BuildKit (through the buildx plugin) or the legacy
/// builder. Decided once per run from what the docker CLI itself looks at: DOCKER_BUILDKIT, else whether buildx is
/// installed where the CLI finds plugins, whether the CLI is 23 or later (before that BuildKit was opt-in) and the
/// daemon's OS (a Windows engine builds legacy).
/// </summary>
public sealed record Builder(bool BuildKit, string Why)
{
    /// <summary>The log line, e.g. "builder: BuildKit (docker 28.2.2 with buildx, Engine 26.1.5 on linux)".</summary>
    public string Line => $"builder: {(BuildKit ? "BuildKit" : "legacy")} ({Why})";

    /// <param name="dockerBuildkit">DOCKER_BUILDKIT as set, or null.</param>
    /// <param name="buildx">Whether a docker-buildx plugin is where the CLI looks for plugins.</param>
    /// <param name="version">The CLI's and the daemon's version and the daemon's OS, from `docker version`.</param>
    public static Builder Decide(string? dockerBuildkit, bool buildx, DockerVersions version)
    {
        var engine = $"Engine {version.Server} on {version.ServerOs}";
        var cli = $"docker {version.Client} {(buildx ? "with" : "without")} buildx";
        if (!string.IsNullOrEmpty(dockerBuildkit))
        {
            // As the CLI reads it (Go's strconv.ParseBool); anything else makes every docker build fail, so say it first.
            return dockerBuildkit switch
            {
                "1" or "t" or "T" or "true" or "TRUE" or "True" => new Builder(true, $"DOCKER_BUILDKIT={dockerBuildkit}; {cli}, {engine}"),
                "0" or "f" or "F" or "false" or "FALSE" or "False" => new Builder(false, $"DOCKER_BUILDKIT={dockerBuildkit}; {engine}"),
                _ => throw new DockerException(
                    $"DOCKER_BUILDKIT={dockerBuildkit} is not a boolean: set it to 1 (BuildKit) or 0 (legacy builder), or unset it to let docker choose"),
            };
        }
        if (version.ServerOs.Equals("windows", StringComparison.OrdinalIgnoreCase)) return new Builder(false, $"{cli}, {engine}: Windows engines build legacy");
        if (version.ClientMajor is < 23) return new Builder(false, $"{cli}, {engine}: CLIs before 23 build legacy unless DOCKER_BUILDKIT=1");
        return buildx
            ? new Builder(true, $"{cli}, {engine}")
            : new Builder(false, $"{cli}, {engine}: docker falls back to the legacy builder without buildx");
    }
}

/// <summary>What `docker version` says of the CLI and the daemon.</summary>
public sealed record DockerVersions(string Client, string Server, string ServerOs)
{
    /// <summary>The --format whose output <see cref="Parse"/> reads.</summary>
    public const string Format = "{{.Client.Version}} {{.Server.Version}} {{.Server.Os}}";

    public int? ClientMajor => int.TryParse(Client.Split('.')[0], out var major) ? major : null;

    public static DockerVersions? Parse(string output) =>
        output.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var client, var server, var os] ? new DockerVersions(client, server, os) : null;
}
