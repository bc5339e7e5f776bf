using NUnit.Framework;
using Overwatch.Build.Tests.Infra;

/// <summary>
/// Points every docker process of the run (fixtures' own calls and ./build.sh) at the engine under test. Outside any
/// namespace, so NUnit runs it once before every test of the assembly.
/// </summary>
[SetUpFixture]
public sealed class EngineSelection
{
    [OneTimeSetUp]
    public void SelectEngine()
    {
        foreach (var (name, value) in TestEngine.Current.Variables) System.Environment.SetEnvironmentVariable(name, value);
        TestContext.Progress.WriteLine($"Docker engine under test: {TestEngine.Current.Name} ({TestEngine.Current.Host ?? "the default socket"})");
    }
}
