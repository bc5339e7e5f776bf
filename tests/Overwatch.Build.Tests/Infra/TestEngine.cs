namespace Overwatch.Build.Tests.Infra;

/// <summary>
/// The Docker engine this test run talks to, chosen by OVERWATCH_TEST_ENGINE (.ci/run runs the image tests once per
/// engine): <c>legacy</c> (default) is the machine's Engine 20.10 with the legacy builder, as for a CLI without buildx;
/// <c>buildkit</c> and <c>containerd</c> are the Engine 26 daemons that .ci/engines starts (BuildKit; the second with
/// the containerd image store, as Engine 29 and GitLab's docker:dind).
/// </summary>
public sealed record TestEngine(string Name, string? Host, bool BuildKit, bool ContainerdStore)
{
    public static readonly TestEngine Legacy = new("legacy", null, BuildKit: false, ContainerdStore: false);
    public static readonly TestEngine Buildkit = new("buildkit", "unix:///run/owb-engines/buildkit.sock", BuildKit: true, ContainerdStore: false);
    public static readonly TestEngine Containerd = new("containerd", "unix:///run/owb-engines/containerd.sock", BuildKit: true, ContainerdStore: true);

    public static TestEngine Current { get; } = Named(System.Environment.GetEnvironmentVariable("OVERWATCH_TEST_ENGINE"));

    public static TestEngine Named(string? name) => name switch
    {
        null or "" or "legacy" => Legacy,
        "buildkit" => Buildkit,
        "containerd" => Containerd,
        _ => throw new ArgumentException($"OVERWATCH_TEST_ENGINE={name}: expected legacy, buildkit or containerd"),
    };

    /// <summary>What a docker CLI or ./build.sh started by a test needs to reach this engine the way its users do.</summary>
    public IReadOnlyDictionary<string, string?> Variables => new Dictionary<string, string?>
    {
        ["DOCKER_HOST"] = Host,
        // buildx is installed (.ci/engines), so the CLI would use BuildKit on 20.10 too; 20.10's users build legacy.
        ["DOCKER_BUILDKIT"] = BuildKit ? null : "0",
    };
}
