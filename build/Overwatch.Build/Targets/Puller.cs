using System.Collections.Concurrent;
using Overwatch.Build.Infrastructure.Docker;

namespace Overwatch.Build.Targets;

/// <summary>
/// Pulls anonymously first and logs in only when the registry asks for credentials, so a build that
/// publishes nothing never depends on a working login. Shared by the lanes of a run: a reference is pulled
/// once however many versions ask for it (the others wait for that pull), and the login is tried once.
/// </summary>
/// <param name="login">Logs in: null when there are no credentials, false when the login failed.</param>
public sealed class Puller(DockerCli docker, Func<bool?> login, Action<string> log)
{
    private readonly ConcurrentDictionary<string, Lazy<RegistryOutcome>> pulls = new(StringComparer.Ordinal);
    private readonly Lazy<bool?> loggedIn = new(login, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>True when a pull was refused and no credentials were there to log in with.</summary>
    public bool Anonymous => loggedIn.IsValueCreated && loggedIn.Value is null;

    public RegistryOutcome Pull(string reference) =>
        pulls.GetOrAdd(reference, r => new Lazy<RegistryOutcome>(() => PullOnce(r), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private RegistryOutcome PullOnce(string reference)
    {
        var anonymous = docker.ConfigDirectory is null;
        var outcome = docker.Pull(reference);
        // Refused without credentials: log in (once for all lanes) and try again; refused with them is final.
        if (!outcome.Succeeded && anonymous && outcome.LastFailure!.Fault is RegistryFault.Unauthorized or RegistryFault.Denied && loggedIn.Value == true)
            outcome = docker.Pull(reference);
        if (outcome.Succeeded) log($"Pulled {reference}.");
        return outcome;
    }
}
