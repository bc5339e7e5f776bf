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
    private bool pulled;

    /// <summary>Runs once before the first pull (a run that pushes logs in then, after docker answered a local query).</summary>
    public Action? BeforeFirstPull { get; init; }

    /// <summary>True when a pull was refused and no credentials were there to log in with.</summary>
    public bool Anonymous { get; private set; }

    /// <summary>
    /// The image to build --cache-from: a local image of the tag already holds its layers (the previous build on
    /// this machine), so the registry is asked only when there is none.
    /// </summary>
    public RegistryOutcome PullUnlessLocal(string reference)
    {
        if (!docker.ImageExists(reference)) return Pull(reference);
        log($"Using the local {reference} as the cache image.");
        return new RegistryOutcome(new Infrastructure.Processes.ProcessResult(0, [], ""), [], TimeSpan.Zero, Succeeded: true);
    }

    public RegistryOutcome Pull(string reference)
    {
        if (!pulled)
        {
            pulled = true;
            BeforeFirstPull?.Invoke();
        }
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
