using System.Diagnostics;
using Overwatch.Build.Containers;
using Overwatch.Build.Deploy;
using Overwatch.Build.Deploy.Rendering;
using Overwatch.Build.Images;
using Overwatch.Build.Images.Plan;
using Overwatch.Build.Infrastructure.Network;
using Overwatch.Build.Infrastructure.Processes;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Targets;

/// <summary>
/// The smoke test of one app image: renders the smoke deployment for the container's paths into a temp directory,
/// hands it to the image's user, starts the image on it, watches it (<see cref="SmokeProbe"/>), and removes the
/// container and the directory whatever happens, on an interrupt too.
/// </summary>
public sealed class SmokeRun(BuildContext context, SmokeSettings smoke, string runId)
{
    /// <summary>The image's user (the overwatch user of the base images) must own what it writes and reads.</summary>
    public const string ImageUser = "2143:2143";

    private const int LogLines = 30;
    private static readonly TimeSpan RemoveLimit = TimeSpan.FromSeconds(60);

    /// <summary>The result, and the container's last log lines when it failed.</summary>
    public (SmokeResult Result, string? Logs) Test(ImagePlan image)
    {
        var python = image.Python.ToString();
        var reference = image.References[0];
        var clock = Stopwatch.StartNew();
        var directory = Directory.CreateTempSubdirectory($"overwatch-smoke-py{python}-").FullName;
        var container = new AppContainer(AppContainer.NameFor(python, runId), reference, runId,
            Path.Combine(directory, "exec"), Path.Combine(directory, "config.yaml"));
        using var onInterrupt = Interrupts.OnInterrupt(() =>
        {
            CleanUpCommand.Run(container.Remove(), RemoveLimit);
            Delete(directory);
        });
        try
        {
            var (port, programs) = Render(container.ExecDir);
            HandToImageUser(directory);
            context.Log($"Smoke test of Python {python}: starting {reference} as {container.Name}");
            context.Docker.Require(container.Run(), $"docker run of {reference} for its smoke test");
            var failure = new SmokeProbe(context.Docker).Watch(container, programs, smoke, port);
            if (Interrupts.Interrupted) throw new OperationCanceledException("the smoke test was interrupted");
            if (failure is null)
            {
                context.Log($"Smoke test of Python {python} passed in {clock.Elapsed.TotalSeconds:0.0} s: " +
                    $"{string.Join(", ", programs.Select(p => p.Name))} running, GET {smoke.Path} (Host: {smoke.Host}) answered {smoke.ExpectedStatus}");
                return (new SmokeResult(python, SmokeState.Passed, null, clock.Elapsed), null);
            }
            var logs = context.Docker.Execute(container.Logs(LogLines), quiet: true);
            var tail = logs.LastLines.Count > 0 ? logs.Tail(LogLines) : "  | (the container printed nothing)";
            return (new SmokeResult(python, SmokeState.Failed, failure.Line(python), clock.Elapsed),
                $"  last {LogLines} lines of docker logs {container.Name}:{Environment.NewLine}{context.Docker.Mask(tail)}");
        }
        finally
        {
            if (!Interrupts.Interrupted)
            {
                context.Docker.Execute(container.Remove(), quiet: true);
                Delete(directory);
            }
        }
    }

    /// <summary>Renders with free ports of this host (the container shares its network) in the smoke YAML's variables.</summary>
    private (int Port, IReadOnlyList<ExpectedProgram> Programs) Render(string execDir)
    {
        var environment = SmokeSettings.PortVariables.ToDictionary(v => v, _ => (string?)FreePort.OnLoopback().ToString());
        var port = int.Parse(environment[SmokeSettings.HttpPortVariable]!);
        var options = new RenderConfigOptions(smoke.DeployConfig, null, execDir, context.Layout.TemplatesDir, context.Layout.Root, Force: false,
            DeploymentRoot: AppContainer.Root);
        RenderResult rendered;
        try
        {
            rendered = RenderConfigTarget.Render(options, environment, TextWriter.Null);
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

    private void HandToImageUser(string directory)
    {
        if (Environment.UserName != "root")
            throw new UsageException(
                $"the smoke test hands its deployment to the image's user (uid {ImageUser.Split(':')[0]}) with chown, which needs root: " +
                "run as root (as CI does), or pass --skip-smoke-test to publish without it");
        var result = context.Runner.Run(new ProcessSpec("chown", ["-R", ImageUser, directory]));
        if (!result.Succeeded) throw new UsageException(result.Failure($"chown -R {ImageUser} {directory} failed").Split('\n')[0]);
    }

    private static void Delete(string directory)
    {
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
