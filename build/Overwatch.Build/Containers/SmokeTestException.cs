namespace Overwatch.Build.Containers;

/// <summary>An image failed its smoke test: one line per failed version, each followed by the container's last log lines.</summary>
public sealed class SmokeTestException(string message) : Exception(message);
