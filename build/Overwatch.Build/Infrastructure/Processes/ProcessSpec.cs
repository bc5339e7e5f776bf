namespace Overwatch.Build.Infrastructure.Processes;

/// <summary>
/// A command as data: program, arguments, optional standard input and extra environment.
/// <see cref="SecretInput"/> marks standard input that must never be shown.
/// </summary>
public sealed record ProcessSpec(string Program, IReadOnlyList<string> Arguments)
{
    public string? StandardInput { get; init; }

    /// <summary>Binary standard input (a tar stream for <c>docker cp -</c>); never shown, like <see cref="StandardInput"/>.</summary>
    public byte[]? StandardInputBytes { get; init; }
    public bool SecretInput { get; init; }
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();
    public string? WorkingDirectory { get; init; }

    /// <summary>Stop the process when it prints nothing for this long (a registry that stopped answering).</summary>
    public TimeSpan? StallLimit { get; init; }

    /// <summary>The command line as printed to the user; standard input is never part of it.</summary>
    public string Display => string.Join(' ', new[] { Program }.Concat(Arguments.Select(Quote)));

    /// <summary>The record's generated ToString would print <see cref="StandardInput"/>, which may be a password.</summary>
    public override string ToString() => Display;

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./:=@,+%".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''") + "'";
}
