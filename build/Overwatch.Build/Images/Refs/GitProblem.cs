namespace Overwatch.Build.Images.Refs;

/// <summary>Why git could not read the checkout: what kind of failure, and git's own line for it.</summary>
public sealed record GitProblem(GitProblemKind Kind, string Message)
{
    /// <summary>git's "fatal:" line, sorted by what the user does about it.</summary>
    public static GitProblem FromFatal(string line) =>
        new(line.Contains("dubious ownership", StringComparison.Ordinal) ? GitProblemKind.DubiousOwnership : GitProblemKind.NoCheckout, line);

    public static readonly GitProblem NotInstalled = new(GitProblemKind.NotInstalled, "git is not installed");
}

public enum GitProblemKind
{
    /// <summary>No git program on the PATH.</summary>
    NotInstalled,

    /// <summary>The checkout belongs to another user and git refuses it until it is marked safe.</summary>
    DubiousOwnership,

    /// <summary>No repository, or one without a commit.</summary>
    NoCheckout,
}
