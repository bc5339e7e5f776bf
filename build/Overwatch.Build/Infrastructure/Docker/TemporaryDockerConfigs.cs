using System.Diagnostics;

namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>
/// The temporary DOCKER_CONFIG directories of registry sessions. Each name carries the owning process's
/// ID, so a run killed outright (SIGKILL) leaves a directory the next run can recognise as orphaned
/// and remove before it does anything else.
/// </summary>
public static class TemporaryDockerConfigs
{
    private const string Prefix = "overwatch-docker-config-";

    public static string Create() => Directory.CreateTempSubdirectory($"{Prefix}{Environment.ProcessId}-").FullName;

    /// <summary>Removes the directories of processes that no longer run; returns how many.</summary>
    public static int RemoveOrphans(string? tempDirectory = null)
    {
        var removed = 0;
        foreach (var directory in Directory.GetDirectories(tempDirectory ?? Path.GetTempPath(), Prefix + "*"))
        {
            var owner = Path.GetFileName(directory)[Prefix.Length..].Split('-')[0];
            if (!int.TryParse(owner, out var pid) || IsRunning(pid)) continue;
            try
            {
                Directory.Delete(directory, recursive: true);
                removed++;
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return removed;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
