namespace Overwatch.Build.Tests.Infra;

/// <summary>The checked-in source tree, found by walking up from the test assembly to the directory holding tests/.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Templates => Path.Combine(Root, "templates");

    /// <summary>Fixtures in the source tree (not the build output copy), so golden updates rewrite checked-in files.</summary>
    public static string Fixtures => Path.Combine(Root, "tests", "Overwatch.Build.Tests", "Fixtures");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "tests")) && Directory.Exists(Path.Combine(dir.FullName, "templates"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no directory with tests/ and templates/ above {AppContext.BaseDirectory}");
    }
}
