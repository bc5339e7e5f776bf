using Overwatch.Build.Infrastructure.Docker;

namespace Overwatch.Build.Targets;

/// <summary>
/// Pulls anonymously first and logs in only when the registry asks for credentials, so a build that
/// publishes nothing never depends on a working login.
/// </summary>
/// <param name="login">Logs in: null when there are no credentials, false when the login failed.</param>
public sealed class Puller(DockerCli docker, Func<bool?> login, Action<string> log)
{
    private bool loginTried;

    /// <summary>True when a pull was refused and no credentials were there to log in with.</summary>
    public bool Anonymous { get; private set; }

    public RegistryOutcome Pull(string reference)
    {
        var outcome = docker.Pull(reference);
        if (!outcome.Succeeded && outcome.LastFailure!.Fault is RegistryFault.Unauthorized or RegistryFault.Denied && !loginTried)
        {
            loginTried = true;
            var loggedIn = login();
            Anonymous = loggedIn is null;
            if (loggedIn == true) outcome = docker.Pull(reference);
        }
        if (outcome.Succeeded) log($"Pulled {reference}.");
        return outcome;
    }
}
