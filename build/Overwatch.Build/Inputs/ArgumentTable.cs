namespace Overwatch.Build.Inputs;

/// <summary>The README's argument table, generated from <see cref="BuildArguments"/> (a test keeps the README equal to it).</summary>
public static class ArgumentTable
{
    public static string Markdown() =>
        "| argument | meaning | default | targets |\n|---|---|---|---|\n"
        + string.Concat(BuildArguments.All.Select(a =>
            $"| `{a.Usage}` | {a.Help}{(a is ListArgument ? " (repeatable)" : "")} | {a.Default ?? ""} | {string.Join(", ", a.Targets.Select(t => $"`{t}`"))} |\n"));
}
