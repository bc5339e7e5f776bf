namespace Overwatch.Build.Tests.Infra;

/// <summary>
/// Runs ./build.sh as a user would. The variables of the machine running the tests that change what the build
/// does (CI refs, credentials, the seed's deploy variables, the clock, where docker is) are removed, so only what
/// a test passes decides.
/// </summary>
public static class BuildScript
{
    private static readonly string[] HostVariables =
    [
        "TRAVIS", "TRAVIS_BRANCH", "TRAVIS_TAG", "TRAVIS_PULL_REQUEST", "TRAVIS_PULL_REQUEST_BRANCH", "TRAVIS_COMMIT",
        "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GITHUB_REF", "GITHUB_HEAD_REF", "GITHUB_BASE_REF", "GITHUB_EVENT_NAME", "GITHUB_SHA",
        "GITLAB_CI", "CI_COMMIT_TAG", "CI_COMMIT_BRANCH", "CI_COMMIT_REF_NAME", "CI_MERGE_REQUEST_IID", "CI_COMMIT_SHA",
        "DOCKER_USERNAME", "DOCKER_PASSWORD", "config", "gridCert", "gridKey", "sshKey", "OVERWATCH_EXECUTABLES",
        "externalIP", "externalPort", "nginxIP", "nginxPort", "SOURCE_DATE_EPOCH",
        "DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH", "COMPOSE_FILE", "COMPOSE_PROJECT_NAME",
    ];

    public static CommandResult Run(IEnumerable<string> arguments, Dictionary<string, string?>? environment = null) =>
        Shell.Run(Path.Combine(RepoPaths.Root, "build.sh"), arguments, Environment(environment), RepoPaths.Root);

    /// <summary>The host's CI variables removed, colours off, the engine under test, then the test's own variables.</summary>
    public static Dictionary<string, string?> Environment(Dictionary<string, string?>? environment)
    {
        var env = HostVariables.ToDictionary(v => v, _ => (string?)null);
        env["NO_COLOR"] = "1";
        foreach (var (name, value) in TestEngine.Current.Variables) env[name] = value;
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>()) env[name] = value;
        return env;
    }
}
