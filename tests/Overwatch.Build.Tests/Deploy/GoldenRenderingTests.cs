using NUnit.Framework;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Deploy;

/// <summary>
/// Each directory under Fixtures/Deploy/Golden holds deployConfig.yaml (or uses the docs example), an optional
/// env file, and expected/ with one golden file per rendered file, at its rendered path. A file named
/// for-container there renders as --deployment-root does (the programs' home unknown, ~ under exec/home).
/// </summary>
public class GoldenRenderingTests
{
    public static IEnumerable<TestCaseData> Cases() =>
        Directory.GetDirectories(Path.Combine(DeployFixtures.Dir, "Golden")).Order(StringComparer.Ordinal)
            .Select(dir => new TestCaseData(Path.GetFileName(dir)).SetName($"Renders_{Path.GetFileName(dir)}_as_golden"));

    [TestCaseSource(nameof(Cases))]
    public void Rendered_files_match_their_golden_files(string name)
    {
        var dir = Path.Combine(DeployFixtures.Dir, "Golden", name);
        var (yaml, environment) = Arrange(name);

        var files = DeployFixtures.Render(yaml, environment, DeployFixtures.GoldenWorkingDirectory, ForContainer(name));

        Golden.AssertDirectory(Path.Combine(dir, "expected"), files.Select(f => (f.Path.TrimStart('/'), f.Text)).ToList());
    }

    [TestCaseSource(nameof(Cases))]
    public void Rendering_twice_gives_identical_text(string name)
    {
        var (yaml, environment) = Arrange(name);

        var first = DeployFixtures.Render(yaml, environment, DeployFixtures.GoldenWorkingDirectory, ForContainer(name));
        var second = DeployFixtures.Render(yaml, environment, DeployFixtures.GoldenWorkingDirectory, ForContainer(name));

        Assert.That(second, Is.EqualTo(first));
    }

    private static bool ForContainer(string name) => File.Exists(Path.Combine(DeployFixtures.Dir, "Golden", name, "for-container"));

    private static (string Yaml, Dictionary<string, string?> Environment) Arrange(string name)
    {
        var dir = Path.Combine(DeployFixtures.Dir, "Golden", name);
        var yamlPath = Path.Combine(dir, "deployConfig.yaml");
        var environment = DeployFixtures.Environment(DeployFixtures.GoldenWorkingDirectory);
        DeployFixtures.AddEnvFile(environment, Path.Combine(dir, "env"));
        return (File.ReadAllText(File.Exists(yamlPath) ? yamlPath : DeployFixtures.ExampleConfig), environment);
    }
}
