using Overwatch.Build.Inputs;

namespace Overwatch.Build.Images.Refs;

/// <summary>
/// git failing to read the checkout changes what is built (the revision label, the detected ref): a warning
/// that says so, and an error under CI, where an image labelled "unknown" must not be published.
/// </summary>
public static class GitWarning
{
    public static void Check(ILocalGit git, string root, BuildSource source, EnvironmentVariables environment, Action<string> log)
    {
        if (git.Problem is not { } problem) return;
        var fix = problem.Kind switch
        {
            GitProblemKind.DubiousOwnership => $"mark it safe with: git config --global --add safe.directory {root}",
            GitProblemKind.NotInstalled => "install git",
            _ => "run in a git checkout with at least one commit",
        };
        var message = $"git could not read {root} ({problem.Message}): the images' revision label is '{source.Revision ?? "unknown"}' " +
                      $"and the ref is {source.Ref} (from {source.Ref.Source.ToString().ToLowerInvariant()}); {fix}";
        if (string.Equals(environment["CI"], "true", StringComparison.OrdinalIgnoreCase)) throw new UsageException(message);
        log("Warning: " + message);
    }
}
