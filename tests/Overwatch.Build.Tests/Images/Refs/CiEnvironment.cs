using Overwatch.Build.Images.Refs;
using Overwatch.Build.Inputs;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Images.Refs;

/// <summary>Reads a recorded CI environment from Fixtures/Ci/NAME.env: KEY=VALUE lines, '#' comments, empty values kept.</summary>
public static class CiEnvironment
{
    public static Dictionary<string, string?> Load(string fixture) =>
        EnvFile.Read(Path.Combine(RepoPaths.Fixtures, "Ci", fixture + ".env"));

    public static EnvironmentVariables Of(params string[] fixtures)
    {
        var merged = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var fixture in fixtures)
            foreach (var (name, value) in Load(fixture)) merged[name] = value;
        return new EnvironmentVariables(merged);
    }

    public static EnvironmentVariables None => new(new Dictionary<string, string?>());
}
