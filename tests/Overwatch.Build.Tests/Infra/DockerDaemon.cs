namespace Overwatch.Build.Tests.Infra;

/// <summary>End-to-end image tests need a reachable dockerd; under CI=true its absence fails them.</summary>
public static class DockerDaemon
{
    public static void Require()
    {
        RequiredProgram.Find("docker");
        var version = Shell.Run("docker", "version", "--format", "{{.Server.Version}}");
        if (version.ExitCode != 0)
            RequiredProgram.Unavailable($"the Docker daemon is not reachable (start it with .ci/setup): {version.StandardError.Trim()}");
    }
}
