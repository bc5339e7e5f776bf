namespace Overwatch.Build.Infrastructure.Docker;

/// <summary>Docker could not do what was asked; the message names the step, the exit code and the last lines printed.</summary>
public sealed class DockerException(string message) : Exception(message);
