using System.Collections.Concurrent;
using Overwatch.Build.Images;
using Overwatch.Build.Images.Plan;

namespace Overwatch.Build.Images.Publish;

/// <summary>
/// The versions of a run whose every tag the registry already holds with an image of the current inputs
/// (<see cref="RegistryNoOp"/>): DockerImage, SmokeTest and Push leave them alone.
/// </summary>
public sealed class SettledVersions
{
    private readonly ConcurrentDictionary<PythonVersion, string> inputs = new();

    public void Add(PythonVersion python, string hash) => inputs[python] = hash;

    public bool Contains(PythonVersion python) => inputs.ContainsKey(python);

    /// <summary>The images still to build, smoke-test and push.</summary>
    public IReadOnlyList<ImagePlan> Unsettled(IEnumerable<ImagePlan> images) => images.Where(i => !Contains(i.Python)).ToList();
}
