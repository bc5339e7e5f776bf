using Overwatch.Build.Inputs;
using Overwatch.Build.Infrastructure.Processes;

namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>
/// A login that lives in a temporary DOCKER_CONFIG directory: the credentials never touch the user's
/// ~/.docker, and the directory is removed on dispose, also after a failure.
/// </summary>
public sealed class RegistrySession : IDisposable
{
    private readonly DockerCli docker;
    private readonly string registry;
    private readonly string directory;
    private readonly IDisposable interruptCleanUp;
    private bool loggedIn;

    private RegistrySession(DockerCli docker, string registry, string directory)
    {
        this.docker = docker;
        this.registry = registry;
        this.directory = directory;
        // Teardown does not run when the build is interrupted; the credentials must not stay behind then either.
        interruptCleanUp = Interrupts.OnInterrupt(() => RemoveDirectory(null, EventArgs.Empty));
        AppDomain.CurrentDomain.ProcessExit += RemoveDirectory;
    }

    public static RegistrySession Open(DockerCli docker, string registry, Credentials credentials)
    {
        var directory = TemporaryDockerConfigs.Create(); // created 0700
        var session = new RegistrySession(docker, registry, directory);
        // The login must reach the engine the builds use: the user's current context goes along, their credentials do not.
        DockerClientConfig.Prepare(directory, DockerClientConfig.ProcessEnvironment());
        docker.AddSecret(credentials.Password);
        try
        {
            docker.RequireRegistry(docker.InConfig(DockerCommands.Login(registry, credentials.Username, credentials.Password), directory),
                $"login to {registry} as {credentials.Username}");
            session.loggedIn = true;
            // Only now: registry commands running side by side must not use the directory before it holds the login.
            docker.ConfigDirectory = directory;
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// When the login went into the directory's config.json, removing the directory is the whole logout (a
    /// `docker logout` would cost a docker invocation to delete the same entry). When docker chose a credential
    /// helper instead (docker-credential-pass or -secretservice installed), `docker logout` removes it there.
    /// </summary>
    public void Dispose()
    {
        try
        {
            // After an interrupt, removing the directory is all there is time for: no new command may start.
            if (loggedIn && !InConfigFile(directory) && !Interrupts.Interrupted) docker.Execute(DockerCommands.Logout(registry), quiet: true);
        }
        finally
        {
            loggedIn = false;
            docker.ConfigDirectory = null;
            RemoveDirectory(null, EventArgs.Empty);
            AppDomain.CurrentDomain.ProcessExit -= RemoveDirectory;
            interruptCleanUp.Dispose();
        }
    }

    internal static bool InConfigFile(string directory)
    {
        var config = Path.Combine(directory, "config.json");
        return File.Exists(config) && File.ReadAllText(config).Contains("\"auth\":", StringComparison.Ordinal);
    }

    private void RemoveDirectory(object? sender, EventArgs e)
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }
}
