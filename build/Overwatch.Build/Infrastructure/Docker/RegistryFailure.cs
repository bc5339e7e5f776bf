using System.Text.RegularExpressions;

namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>
/// What a failed registry operation (login, pull, push) says about the registry, read from docker's
/// output: a transient fault worth another try, or a permanent one that another try cannot change.
/// </summary>
public sealed record RegistryFailure(RegistryFault Fault, string Cause)
{
    private const string Retry = "the registry kept failing: try again later, or allow more with --retries and --retry-budget";

    private static readonly (Regex Pattern, RegistryFault Fault, Func<Match, string> Cause)[] Rules =
    [
        (Rx(@"toomanyrequests|\b429\b"), RegistryFault.RateLimited, _ => "registry answered 429 (rate limited)"),
        // The last form is the containerd image store's (Engine 26+ with containerd-snapshotter, Engine 29's default).
        (Rx(@"(?:status:? |HTTP status: |unexpected status from [A-Z]+ request to \S+: )(5\d\d)"), RegistryFault.Transient, m => $"registry answered {m.Groups[1].Value} (server error)"),
        (Rx(@"\b408\b|request timeout"), RegistryFault.Transient, _ => "registry answered 408 (request time-out)"),
        (Rx(@"connection refused"), RegistryFault.Transient, _ => "connection refused"),
        (Rx(@"connection reset|broken pipe|unexpected EOF|\bEOF\b|invalid checksum digest format"), RegistryFault.Transient, _ => "connection dropped"),
        (Rx(@"i/o timeout|TLS handshake timeout|context deadline exceeded|Client\.Timeout"), RegistryFault.Transient, _ => "network time-out"),
        (Rx(@"no such host|server misbehaving|network is unreachable"), RegistryFault.Transient, _ => "registry host unreachable"),
        (Rx(@"unauthorized|no basic auth credentials|\b401\b|authentication required"), RegistryFault.Unauthorized, _ => "registry refused the credentials (401 unauthorized)"),
        (Rx(@"denied|\b403\b|forbidden"), RegistryFault.Denied, _ => "registry denied access (403 denied)"),
        (Rx(@"manifest unknown|no such manifest|not found|does not exist|\b404\b"), RegistryFault.NotFound, _ => "not in the registry (404 not found)"),
        (Rx(@"invalid reference format|must be lowercase"), RegistryFault.InvalidReference, _ => "invalid image reference"),
        (Rx(@"read-only|readonly|\b405\b|method not allowed|unsupported"), RegistryFault.ReadOnly, _ => "registry refuses writes (405 read-only)"),
    ];

    /// <summary>The registry never answered within the stall limit; docker was stopped.</summary>
    public static RegistryFailure Stalled(TimeSpan limit) => new(RegistryFault.Transient, $"no progress for {limit.TotalSeconds:0} s (stalled)");

    /// <summary>Reads docker's last lines, newest first, so the final error wins over earlier progress lines.</summary>
    public static RegistryFailure Classify(IReadOnlyList<string> lines)
    {
        foreach (var line in lines.Reverse())
        foreach (var (pattern, fault, cause) in Rules)
            if (pattern.Match(line) is { Success: true } match)
                return new RegistryFailure(fault, cause(match));
        // Unknown output: one more try costs little, and a persistent fault still ends the run.
        return new RegistryFailure(RegistryFault.Transient, "unrecognised failure");
    }

    public bool Transient => Fault is RegistryFault.Transient or RegistryFault.RateLimited;

    /// <summary>What the user can do about it, in a few words.</summary>
    public string Fix => Fault switch
    {
        RegistryFault.Unauthorized => "check DOCKER_USERNAME and DOCKER_PASSWORD",
        RegistryFault.Denied => "check that DOCKER_USERNAME may write to this repository",
        RegistryFault.NotFound => "check the image name and that it was published",
        RegistryFault.InvalidReference => "check --registry, --image-namespace and the images file",
        RegistryFault.ReadOnly => "the registry is read-only (maintenance mode?): push when it accepts writes",
        _ => Retry,
    };

    private static Regex Rx(string pattern) => new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}

/// <summary>The classes of registry failure; the first two are transient.</summary>
public enum RegistryFault
{
    Transient,
    RateLimited,
    Unauthorized,
    Denied,
    NotFound,
    InvalidReference,
    ReadOnly,
}
