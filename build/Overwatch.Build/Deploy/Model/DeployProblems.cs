namespace Overwatch.Build.Deploy.Model;

public static class DeployProblems
{
    /// <summary>One problem per line, in the order found, under a heading that counts them.</summary>
    public static string Format(IReadOnlyCollection<DeployProblem> problems) =>
        $"the deploy configuration has {problems.Count} problem{(problems.Count == 1 ? "" : "s")}:"
        + string.Concat(problems.Select(p => $"{Environment.NewLine}  {p}"));
}
