using Overwatch.Build.Deploy.Model;

namespace Overwatch.Build.Deploy.Rendering;

/// <summary>
/// Where ssh, autossh, rsync and xrdgsiproxy find the key, known_hosts and grid certificate, as the programs see
/// the paths, and whether the programs must be told. They look in their user's home by default (~/.ssh/id_rsa,
/// ~/.ssh/known_hosts, ~/.globus/usercert.pem and userkey.pem); ssh takes that home from the user database, not
/// from HOME, so a file elsewhere is named to them: ssh -F with a rendered ssh_config, X509_USER_CERT/KEY.
/// </summary>
public sealed record ProgramCredentials(
    string KnownHostsFile,
    bool HostKeysPinned,
    string? SshKeyFile,
    string? GridCertFile,
    string? GridKeyFile,
    bool PointSsh,
    bool PointGrid)
{
    public const string SshKeyDefault = ".ssh/id_rsa";
    public const string KnownHostsDefault = ".ssh/known_hosts";
    public const string GridCertDefault = ".globus/usercert.pem";
    public const string GridKeyDefault = ".globus/userkey.pem";

    public static ProgramCredentials For(DeployEnvironment environment, RenderSettings settings)
    {
        var home = settings.ProgramsHome is { } known ? Path.GetFullPath(known) : null;
        string Seen(SecretSpec spec) => settings.Absolute(spec.WriteLocation);
        // Unknown home (rendered for a container): nothing is where the programs look without being told.
        bool Elsewhere(string path, string defaultPlace) => home is null || path != Path.Combine(home, defaultPlace);
        var knownHosts = Seen(environment.KnownHosts);
        var sshKey = environment.SshKey.Enabled ? Seen(environment.SshKey) : null;
        var gridCert = environment.GridCert.Enabled ? Seen(environment.GridCert) : null;
        var gridKey = environment.GridKey.Enabled ? Seen(environment.GridKey) : null;
        return new ProgramCredentials(knownHosts, environment.KnownHosts.Enabled, sshKey, gridCert, gridKey,
            PointSsh: Elsewhere(knownHosts, KnownHostsDefault) || (sshKey is not null && Elsewhere(sshKey, SshKeyDefault)),
            PointGrid: (gridCert is not null && Elsewhere(gridCert, GridCertDefault)) || (gridKey is not null && Elsewhere(gridKey, GridKeyDefault)));
    }
}
