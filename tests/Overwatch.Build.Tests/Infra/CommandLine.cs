using Overwatch.Build.Infrastructure.Processes;

namespace Overwatch.Build.Tests.Infra;

/// <summary>
/// Reads a command as docker's CLI reference describes it (<c>--flag VALUE</c>, operands last), so a test states what the
/// command asks for without restating the whole argument list.
/// </summary>
public static class CommandLine
{
    /// <summary>Every value given to a flag that takes one, in order: <c>--tag a --tag b</c> gives a, b.</summary>
    public static IReadOnlyList<string> ValuesOf(this ProcessSpec spec, string flag) =>
        spec.Arguments.Select((argument, index) => (argument, index))
            .Where(a => a.argument == flag && a.index + 1 < spec.Arguments.Count)
            .Select(a => spec.Arguments[a.index + 1]).ToList();

    /// <summary>Whether a flag without a value (<c>--rm</c>) or with an inline one (<c>--progress=plain</c>) is given.</summary>
    public static bool Has(this ProcessSpec spec, string flag) => spec.Arguments.Contains(flag);
}
