namespace Overwatch.Build.Yaml;

/// <summary>One mistake in a YAML document: where (YAML path or variable, line) and what to do.</summary>
public sealed record YamlProblem(string Path, int? Line, string Message)
{
    public override string ToString() => Line is { } line ? $"{Path} (line {line}): {Message}" : $"{Path}: {Message}";
}
