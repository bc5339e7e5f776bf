namespace Overwatch.Build.Tests.Infra;

/// <summary>The checkout the tests run from: the directory holding build.sh.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "build.sh")) && Directory.Exists(System.IO.Path.Combine(dir.FullName, "tests")))
                return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root (a directory with build.sh) above " + AppContext.BaseDirectory);
    }
}
