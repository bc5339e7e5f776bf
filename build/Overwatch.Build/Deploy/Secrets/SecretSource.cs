namespace Overwatch.Build.Deploy.Secrets;

/// <summary>Pure: reads the enabled secrets from the environment and reports what is missing or unusable.</summary>
public static class SecretSource
{
    public static IReadOnlyList<Secret> Read(DeployEnvironment settings, IReadOnlyDictionary<string, string?> environment,
        string workingDirectory, ICollection<DeployProblem> problems)
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
            var path = Path.GetFullPath(spec.WriteLocation, workingDirectory);
            secrets.Add(new Secret(spec, value) { Path = path });
        }
        return secrets;
    }
}
