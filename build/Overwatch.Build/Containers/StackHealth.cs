using System.Diagnostics;
using Overwatch.Build.Deploy;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Infrastructure.Network;
using Overwatch.Build.Infrastructure.Processes;
using Overwatch.Build.Deploy.Model;

namespace Overwatch.Build.Containers;

/// <summary>
/// Waits until every service of a started host-network stack is healthy: its container runs and never restarted, every
/// line of supervisorctl status inside is RUNNING, and the web service's nginx answers a request with the virtual host's
/// Host header. A service that fails, or is not healthy in time, stops the run with its last log lines.
/// </summary>
public sealed class StackHealth(IProcessRunner runner, Action<string> log, ComposeTool tool, string composeFile)
{
    public const string SupervisordConf = AppContainer.SupervisordConf;
    private const int LogLines = 30;

    public void Wait(IReadOnlyList<(HostService Service, DeployConfig Config)> services, ComposeNetwork network, string? virtualHost, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var pending = services.ToDictionary(s => s.Service.Name, _ => "no container yet");
        var host = virtualHost?.Split(',')[0].TrimStart('*', '.');
        while (true)
        {
            foreach (var (service, config) in services.Where(s => pending.ContainsKey(s.Service.Name)))
            {
                var problem = Check(service, config, network, host);
                if (problem is null)
                {
                    pending.Remove(service.Name);
                    log($"Service {service.Name} is healthy after {clock.Elapsed.TotalSeconds:0.0} s: every program RUNNING" +
                        (config.Nginx is null ? "" : $", nginx on {network.ExternalIp}:{network.ExternalPort} answers{(host is null ? "" : $" for {host}")}"));
                }
                else pending[service.Name] = problem;
            }
            if (pending.Count == 0) return;
            if (clock.Elapsed > timeout)
            {
                var (name, reason) = pending.First();
                throw Failure(name, $"is not healthy after {timeout.TotalSeconds:0} s ({reason}); raise --up-timeout if it is only slow");
            }
            Interrupts.ThrowIfInterrupted();
            Thread.Sleep(250);
        }
    }

    /// <summary>Null when healthy, else what is still missing; throws when the service failed.</summary>
    private string? Check(HostService service, DeployConfig config, ComposeNetwork network, string? host)
    {
        var container = runner.Run(tool.ContainerOf(composeFile, service.Name)).StandardOutput.Trim();
        if (container.Length == 0) return "no container yet";
        var state = runner.Run(DockerCommands.ContainerState(container)).StandardOutput.Trim();
        if (state != "running 0")
            throw Failure(service.Name, $"stopped: its container is {state.Replace(" ", ", restarts: ")}");
        var status = runner.Run(DockerCommands.Exec(container, "supervisorctl", "-c", SupervisordConf, "status"));
        if (SupervisorStatus.Problem(status.StandardOutput) is { } waiting) return $"supervisorctl status: {waiting}";
        if (config.Nginx is null) return null;
        var url = $"http://{ListenAddress.Reachable(network.ExternalIp)}:{network.ExternalPort}/";
        var (code, detail) = HttpProbe.Get(url, host);
        if (code is >= 200 and < 400) return null;
        // uwsgi runs but cannot serve the web app: the answer would stay 502 (or 500) for the whole time-out.
        if (code is not null && WebAppLoad.Failure(Log(service.Name)) is { } why) throw Failure(service.Name, $"cannot serve its web app: {why}");
        return $"GET {url}{(host is null ? "" : $" with Host: {host}")}: {detail}";
    }

    private IReadOnlyList<string> Log(string service) =>
        runner.Run(tool.Logs(composeFile, service, LogLines)).StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private DockerException Failure(string service, string what)
    {
        var logs = Log(service).TakeLast(LogLines).Select(l => "  | " + l.TrimEnd());
        return new DockerException($"service {service} {what}; the stack is left as it is for a look (--down stops it); its last log lines:" +
            System.Environment.NewLine + string.Join(System.Environment.NewLine, logs));
    }
}
