using Overwatch.Build.Inputs;

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
    private bool loggedIn;

    private RegistrySession(DockerCli docker, string registry, string directory)
    {
        this.docker = docker;
        this.registry = registry;
        this.directory = directory;
    }

    public static RegistrySession Open(DockerCli docker, string registry, Credentials credentials)
    {
        var directory = Directory.CreateTempSubdirectory("overwatch-docker-config-").FullName; // created 0700
        var session = new RegistrySession(docker, registry, directory);
        // Teardown does not run when the build is interrupted; the credentials must not stay behind then either.
        AppDomain.CurrentDomain.ProcessExit += session.RemoveDirectory;
        docker.AddSecret(credentials.Password);
        docker.ConfigDirectory = directory;
        try
        {
            docker.Require(DockerCommands.Login(registry, credentials.Username, credentials.Password),
                $"login to {registry} as {credentials.Username}",
                "the registry refused the credentials; check DOCKER_USERNAME and DOCKER_PASSWORD");
            session.loggedIn = true;
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            if (loggedIn) docker.Execute(DockerCommands.Logout(registry), quiet: true);
        }
        finally
        {
            loggedIn = false;
            docker.ConfigDirectory = null;
            RemoveDirectory(null, EventArgs.Empty);
            AppDomain.CurrentDomain.ProcessExit -= RemoveDirectory;
        }
    }

    private void RemoveDirectory(object? sender, EventArgs e)
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }
}
