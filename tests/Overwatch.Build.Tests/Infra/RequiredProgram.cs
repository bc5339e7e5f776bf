using NUnit.Framework;

namespace Overwatch.Build.Tests.Infra;

/// <summary>
/// End-to-end tests talk to real programs. Outside CI a missing program makes the test inconclusive
/// (so a workstation without nginx still runs the rest); with CI=true it is a failure, never a skip.
/// </summary>
public static class RequiredProgram
{
    public static bool InCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string Find(string name)
    {
        var path = Locate(name);
        if (path is not null) return path;
        Unavailable($"'{name}' is not installed (run .ci/setup)");
        return name; // not reached
    }

    public static string? Locate(string name)
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Concat(["/usr/sbin", "/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin"]);
        return dirs.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
    }

    public static void Unavailable(string why)
    {
        if (InCi) Assert.Fail($"CI=true and a required program is unavailable: {why}");
        Assert.Inconclusive(why);
    }
}
