using Overwatch.Build.Deploy.Rendering;
using Overwatch.Build.Deploy.Model;

namespace Overwatch.Build.Deploy.Secrets;

/// <summary>Pure: reads the enabled secrets from the environment and reports what is missing or unusable.</summary>
public static class SecretSource
{
    /// <param name="destinations">The ssh hosts the programs reach: pinned known_hosts must hold a key for each.</param>
    public static IReadOnlyList<Secret> Read(DeployEnvironment settings, IReadOnlyDictionary<string, string?> environment,
        string workingDirectory, ICollection<DeployProblem> problems, IEnumerable<SshDestination>? destinations = null)
    {
        var secrets = new List<Secret>();
        foreach (var spec in settings.Secrets.Where(s => s.Enabled))
        {
            environment.TryGetValue(spec.VariableName, out var value);
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add(new DeployProblem($"${spec.VariableName}", spec.Line,
                    $"{spec.YamlPath} is enabled but the environment variable '{spec.VariableName}' is {(value is null ? "not set" : "empty")}; export it with the file's contents (e.g. export {spec.VariableName}=\"$(cat FILE)\") or set '{spec.YamlPath}.enabled: false'"));
                continue;
            }
            if (spec.Kind == SecretKind.SshKey && PrivateKeyInspector.IsPassphraseProtected(value))
            {
                problems.Add(new DeployProblem($"${spec.VariableName}", spec.Line,
                    "the ssh key is protected by a passphrase, and rsync cannot use such a key unattended (it fails with 'Permission denied (publickey)'); provide a key without a passphrase, e.g. 'ssh-keygen -p -N \"\" -f KEYFILE' on a copy, and keep it well protected"));
                continue;
            }
            if (spec.Kind == SecretKind.KnownHosts && KnownHostsText.Parse(value).BadLine is { } bad)
            {
                problems.Add(new DeployProblem($"${spec.VariableName}", spec.Line,
                    $"line {bad} is not a known_hosts line (HOSTS KEYTYPE KEY, as 'ssh-keyscan -p PORT HOST' prints it); export the pinned host keys in it, e.g. export {spec.VariableName}=\"$(ssh-keyscan -p 22 HOST)\" after checking them"));
                continue;
            }
            if (spec.Kind == SecretKind.KnownHosts) CheckPinned(value, spec, destinations ?? [], problems);
            var path = Path.GetFullPath(spec.WriteLocation, workingDirectory);
            secrets.Add(new Secret(spec, value) { Path = path });
        }
        return secrets;
    }

    /// <summary>A host without a pinned key would be refused by ssh at run time; said now, with the YAML line that names it.</summary>
    private static void CheckPinned(string knownHosts, SecretSpec spec, IEnumerable<SshDestination> destinations, ICollection<DeployProblem> problems)
    {
        var entries = KnownHostsText.Parse(knownHosts).Entries;
        foreach (var destination in destinations.DistinctBy(d => d.KnownHostsName).Where(d => !KnownHostsText.Pins(entries, d.KnownHostsName)))
        {
            problems.Add(new DeployProblem(destination.YamlPath, destination.Line,
                $"{destination.KnownHostsName} has no host key in ${spec.VariableName} ({spec.YamlPath} pins the keys ssh accepts); add the line 'ssh-keyscan -p {destination.Port} {destination.Address}' prints, after checking it"));
        }
    }
}
