using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Ecosystem;

/// <summary>
/// The HOME of another user of a checkout (sudo gives root's own): an empty NuGet packages folder, and a NuGet config
/// whose only source is a local folder holding this machine's cake.tool package, so a restore needs no network.
/// </summary>
public sealed class OtherUserHome : IDisposable
{
    private readonly TempDirectory directory = new("owb-home");

    /// <param name="packagesFolder">a globalPackagesFolder the NuGet config names instead of ~/.nuget/packages, or null</param>
    public OtherUserHome(string? packagesFolder = null)
    {
        var source = directory.Combine("feed");
        Directory.CreateDirectory(source);
        foreach (var package in Directory.GetFiles(Path.Combine(MachinePackages, "cake.tool"), "cake.tool.*.nupkg", SearchOption.AllDirectories))
            File.Copy(package, Path.Combine(source, Path.GetFileName(package)), overwrite: true);
        var config = directory.Combine(".nuget", "NuGet", "NuGet.Config");
        Directory.CreateDirectory(Path.GetDirectoryName(config)!);
        var folder = packagesFolder is null ? "" : $"<config><add key=\"globalPackagesFolder\" value=\"{Combine(packagesFolder)}\" /></config>";
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>{folder}<packageSources><clear /><add key="local" value="{source}" /></packageSources></configuration>
            """);
    }

    public string Combine(params string[] parts) => directory.Combine(parts);

    /// <summary>What a run as this user sets: its HOME, and no NUGET_PACKAGES that would point at the test runner's.</summary>
    public Dictionary<string, string?> Environment => new() { ["HOME"] = directory.Path, ["NUGET_PACKAGES"] = null };

    /// <summary>Whether the pinned Cake was restored into this user's default packages folder.</summary>
    public bool HasCake => Directory.Exists(Combine(".nuget", "packages", "cake.tool"));

    public void Dispose() => directory.Dispose();

    private static string MachinePackages =>
        System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages ? packages
        : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
