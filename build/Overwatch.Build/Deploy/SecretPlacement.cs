using Overwatch.Build.Deploy.Model;
using System.Text;
using Overwatch.Build.Deploy.Rendering;
using Overwatch.Build.Deploy.Secrets;
using Overwatch.Build.Infrastructure.Files;

namespace Overwatch.Build.Deploy;

/// <summary>Where the secrets are written, with which bytes, and whether an existing file may be replaced.</summary>
public static class SecretPlacement
{
    /// <summary>
    /// Rendered for a container, a secret reaches the programs only inside the mounted deployment root: its
    /// writeLocation is their view (~ is their home there, <see cref="RenderSettings.ContainerHome"/>), and it is
    /// written at the matching place here. Anything else would write this machine's own ~/.ssh instead.
    /// </summary>
    public static IReadOnlyList<Secret> Mounted(IEnumerable<Secret> secrets, RenderSettings settings, MountedRoot mounted, List<DeployProblem> problems)
    {
        var reached = new List<Secret>();
        foreach (var secret in secrets)
        {
            var seen = settings.Absolute(secret.Spec.WriteLocation);
            if (settings.OutputPath(seen) is { } here) reached.Add(new Secret(secret.Spec, secret.Value) { Path = here });
            else problems.Add(new DeployProblem($"{secret.Spec.YamlPath}.writeLocation", secret.Spec.Line,
                $"{seen} is outside {mounted.Name}, so the secret would not reach the programs; use ~/... (their home, {settings.ContainerHome}) or a path relative to the deployment root, e.g. 'exec/secrets/{secret.Spec.Kind}'"));
        }
        return reached;
    }

    /// <summary>Keys read from a variable lost their last newline to $(cat ...); OpenSSH refuses a key without it.</summary>
    public static byte[] Bytes(Secret secret) =>
        Encoding.UTF8.GetBytes(secret.Value.EndsWith('\n') ? secret.Value : secret.Value + "\n");

    public static void CheckExisting(IEnumerable<(Secret Secret, byte[] Bytes)> secrets, bool force, List<DeployProblem> problems)
    {
        if (force) return;
        foreach (var (secret, bytes) in secrets)
        {
            if (File.Exists(secret.Path) && !StagedOutput.IsUnchanged(secret.Path, bytes))
            {
                problems.Add(new DeployProblem($"{secret.Spec.YamlPath}.writeLocation", secret.Spec.Line,
                    $"{secret.Path} already exists with different contents; move it away, or pass --force to replace it"));
            }
        }
    }
}
