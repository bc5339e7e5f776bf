using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Infrastructure.Processes;

namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>
/// A docker build that must succeed, and the ID of the image it built (--iidfile: no inspect after it; under the
/// containerd image store the ID is the image index's digest, as `docker image inspect` shows it).
/// </summary>
public static class ImageBuild
{
    /// <param name="build">The build command writing the image ID to the file it is given.</param>
    public static string Run(DockerCli docker, Func<string, ProcessSpec> build, string what)
    {
        var idFile = Path.Combine(Path.GetTempPath(), $"overwatch-build-iid-{Guid.NewGuid():N}");
        try
        {
            docker.RequireBuild(build(idFile), what);
            return File.ReadAllText(idFile).Trim();
        }
        finally
        {
            File.Delete(idFile);
        }
    }
}
