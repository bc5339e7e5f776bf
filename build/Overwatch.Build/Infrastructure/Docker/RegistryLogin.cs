using Overwatch.Build.Inputs;

namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>
/// The run's credentials for one registry: one docker login shared by all lanes (made when the first lane needs it,
/// ended after the last push) and the registry's HTTP API with those credentials.
/// </summary>
public sealed class RegistryLogin(string registry, Credentials? credentials, DockerCli docker, Action<string> log) : IDisposable
{
    private readonly object gate = new();
    private RegistrySession? session;
    private RegistryClient? api;
    private bool? pullLogin;

    /// <summary>Logs in when credentials exist; once per run, whichever lane asks first. Only pushes and refused pulls need it.</summary>
    public void LogIn()
    {
        lock (gate)
        {
            if (session is not null || credentials is null) return;
            log($"Logging in to {registry} as {credentials.Username}");
            session = RegistrySession.Open(docker, registry, credentials);
        }
    }

    /// <summary>
    /// For a pull the registry refused without credentials: null when there are none, false when the login
    /// failed (a warning: a missing cache image costs time, and a missing base image says so itself). Tried once.
    /// </summary>
    public bool? LogInForPull()
    {
        if (credentials is null) return null;
        lock (gate)
        {
            if (pullLogin is { } known) return known;
            try
            {
                LogIn();
                pullLogin = true;
            }
            catch (DockerException e)
            {
                log("Warning: " + e.Message.Split('\n')[0]);
                pullLogin = false;
            }
            return pullLogin;
        }
    }

    /// <summary>The registry's HTTP API with the run's credentials, to ask before pushing; null without credentials.</summary>
    public RegistryClient? Api
    {
        get
        {
            lock (gate) return api ??= credentials is null ? null : new RegistryClient(registry, credentials);
        }
    }

    /// <summary>Ends the login once every lane is done with it; Teardown does it after a failure.</summary>
    public void LogOut()
    {
        lock (gate)
        {
            if (session is null) return;
            session.Dispose();
            session = null;
            log($"Logged out of {registry}");
        }
    }

    public void Dispose()
    {
        LogOut();
        api?.Dispose();
    }
}
