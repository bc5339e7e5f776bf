namespace Overwatch.Build.Inputs;

/// <summary>
/// A mistake in what the user gave us (arguments, YAML, environment variables).
/// Caught once at the edge and printed as one line: what, where, and the fix.
/// </summary>
public sealed class UsageException(string message) : Exception(message);
