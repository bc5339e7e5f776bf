using System.Diagnostics;
using Overwatch.Build.Deploy;
using Overwatch.Build.Deploy.Rendering;
using Overwatch.Build.Images;
using Overwatch.Build.Images.Plan;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Infrastructure.Processes;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Containers;

/// <summary>
/// The smoke test of one app image: renders the smoke deployment for the container's paths into a temp directory,
/// creates the container, copies the rendered files in as the image's user (<see cref="SmokeArchive"/>), starts it,
/// watches it from inside (<see cref="SmokeProbe"/>), and removes the container and the directory whatever happens, on
/// an interrupt too. Nothing of this machine is mounted and nothing is asked of its network, so it works on any engine.
/// </summary>
public sealed class SmokeRun(DockerCli docker, Action<string> log, DeploymentLayout layout, SmokeSettings smoke, string runId)
{
    /// <summary>
    /// The ports given to the smoke YAML's variables, in order. The container's loopback is its own (--network none),
    /// so fixed ports cannot clash with anything of the engine's host.
    /// </summary>
    public const int FirstPort = 8080;

    private const int LogLines = 30;
    private static readonly TimeSpan RemoveLimit = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Tests each image in turn; every result goes to <paramref name="results"/> and <paramref name="tested"/> as it comes.
    /// One failed version fails the run, naming each failure with its container's last log lines.
    /// </summary>
    public void TestAll(IReadOnlyList<ImagePlan> images, SmokeResults results, Action<PythonVersion, SmokeResult> tested)
    {
        var failures = new List<string>();
        foreach (var image in images)
        {
            var (result, logs) = Test(image);
            results.Add(result);
            tested(image.Python, result);
            if (result.Failure is { } line) failures.Add(line + Environment.NewLine + logs);
        }
        if (failures.Count > 0)
            throw new SmokeTestException(string.Join(Environment.NewLine, failures) + Environment.NewLine +
                $"Nothing is pushed: every version must pass (smoke-tested: {results.Summary}).");
    }

    /// <summary>The result, and the container's last log lines when it failed.</summary>
    public (SmokeResult Result, string? Logs) Test(ImagePlan image)
    {
        var python = image.Python.ToString();
        var reference = image.References[0];
        var clock = Stopwatch.StartNew();
        var directory = Directory.CreateTempSubdirectory($"overwatch-smoke-py{python}-").FullName;
        var container = new AppContainer(AppContainer.NameFor(python, runId), reference, runId);
        using var onInterrupt = Interrupts.OnInterrupt(() =>
        {
            CleanUpCommand.Run(container.Remove(), RemoveLimit);
            Delete(directory);
        });
        try
        {
            var (port, programs) = Render(Path.Combine(directory, "exec"));
            var archive = SmokeArchive.Of(directory);
            // The smoke YAML's secrets stay on this machine's disk no longer than needed.
            Delete(directory);
            log($"Smoke test of Python {python}: starting {reference} as {container.Name}");
            docker.Require(container.Create(), $"docker create of {reference} for its smoke test");
            docker.Require(container.CopyIn(archive), $"docker cp of the rendered smoke deployment into {container.Name}");
            docker.Require(container.Start(), $"docker start of {container.Name}");
            var failure = new SmokeProbe(docker).Watch(container, programs, smoke, port);
            if (Interrupts.Interrupted) throw new OperationCanceledException("the smoke test was interrupted");
            if (failure is null)
            {
                log($"Smoke test of Python {python} passed in {clock.Elapsed.TotalSeconds:0.0} s: " +
                    $"{string.Join(", ", programs.Select(p => p.Name))} running, GET {smoke.Path} (Host: {smoke.Host}) answered {smoke.ExpectedStatus}");
                return (new SmokeResult(python, SmokeState.Passed, null, clock.Elapsed), null);
            }
            var logs = docker.Execute(container.Logs(LogLines), quiet: true);
            var tail = logs.LastLines.Count > 0 ? logs.Tail(LogLines) : "  | (the container printed nothing)";
            return (new SmokeResult(python, SmokeState.Failed, failure.Line(python), clock.Elapsed),
                $"  last {LogLines} lines of docker logs {container.Name}:{Environment.NewLine}{docker.Mask(tail)}");
        }
        finally
        {
            if (!Interrupts.Interrupted)
            {
                docker.Execute(container.Remove(), quiet: true);
                Delete(directory);
            }
        }
    }

    /// <summary>Renders with the container's ports (<see cref="FirstPort"/> on) in the smoke YAML's variables.</summary>
    private (int Port, IReadOnlyList<ExpectedProgram> Programs) Render(string execDir)
    {
        var environment = SmokeSettings.PortVariables.Select((name, index) => (Name: name, Port: FirstPort + index))
            .ToDictionary(p => p.Name, p => (string?)p.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var port = int.Parse(environment[SmokeSettings.HttpPortVariable]!);
        var options = new RenderConfigOptions(smoke.DeployConfig, null, execDir, layout.TemplatesDir, layout.Root, Force: false,
            DeploymentRoot: AppContainer.Root);
        RenderResult rendered;
        try
        {
            rendered = DeployPipeline.Render(options, environment, TextWriter.Null);
        }
        catch (UsageException e)
        {
            throw new UsageException($"the smoke deploy YAML {smoke.DeployConfig} is invalid: {e.Message}");
        }
        if (rendered.Config.Nginx is not { } nginx || !nginx.Site.Listen.EndsWith($":{port}", StringComparison.Ordinal))
            throw new UsageException(
                $"the smoke deploy YAML {smoke.DeployConfig} must serve the web app through nginx on the port the smoke test picks: " +
                $"set nginx.listen: !expandVars \"127.0.0.1:${{{SmokeSettings.HttpPortVariable}}}\"");
        var programs = SupervisorPrograms.For(rendered.Config, new RenderSettings(AppContainer.Root, AppContainer.ExecMount))
            .Select(p => new ExpectedProgram(p.Name, p.ShortLived)).ToList();
        return (port, programs);
    }

    private static void Delete(string directory)
    {
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
