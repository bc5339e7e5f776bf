namespace Overwatch.Build.Containers;

/// <summary>What the Shell target mounts and runs; paths absolute.</summary>
public sealed record ShellOptions(string Image, string DataDir, string ExecDir, string? SourceDir, string? Command);
