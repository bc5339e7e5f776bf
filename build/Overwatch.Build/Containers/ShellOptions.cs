namespace Overwatch.Build.Containers;

/// <summary>What the Shell target mounts and runs; paths absolute.</summary>
/// <param name="Name">The container's name, so an interrupted run can remove it (killing `docker run` leaves it running).</param>
public sealed record ShellOptions(string Image, string DataDir, string ExecDir, string? SourceDir, string? Command, string? Name = null);
