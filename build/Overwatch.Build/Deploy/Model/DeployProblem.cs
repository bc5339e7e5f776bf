using Overwatch.Build.Yaml;

namespace Overwatch.Build.Deploy.Model;

/// <summary>One mistake in the deploy configuration: where (YAML path or variable, line) and what to do.</summary>
public sealed record DeployProblem(string Path, int? Line, string Message)
{
    public static DeployProblem From(YamlProblem problem) => new(problem.Path, problem.Line, problem.Message);

    public override string ToString() => Line is { } line ? $"{Path} (line {line}): {Message}" : $"{Path}: {Message}";
}
