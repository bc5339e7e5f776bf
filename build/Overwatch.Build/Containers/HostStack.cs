using System.Text;
using Overwatch.Build.Deploy;
using Overwatch.Build.Deploy.Rendering;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Infrastructure.Files;
using Overwatch.Build.Infrastructure.Processes;
using Overwatch.Build.Inputs;
using Overwatch.Build.Deploy.Model;

namespace Overwatch.Build.Containers;

/// <summary>
/// Compose --network=host: renders each service's configs for the container's paths (RenderConfig with
/// --deployment-root=/opt/overwatch) into its folder of the stack directory, hands them to the image's user, writes the
/// compose file once the compose tool accepts it; --up starts the stack and waits until every service is healthy.
/// </summary>
public sealed class HostStack(HostStackRequest request, DeploymentLayout layout, EnvironmentVariables env, DockerCli docker,
    IProcessRunner runner, Action<string> log)
{
    public void Run(ComposeTool tool, string composeFile)
    {
        var image = request.Image.References[0];
        var (yaml, _) = DeployConfigSource.Read(request.DeployConfig, request.DeployConfigEnv, env.All, layout.Root, required: true)!.Value;
        var (whole, problems) = DeployConfigLoader.LoadAndValidate(yaml, DeployConfigSource.Variables(env.All, RenderConfigOptions.ContainerRoot));
        if (whole is null) throw new UsageException(DeployProblems.Format(problems));
        var plan = HostStackPlan.Create(image, layout.DataDir, composeFile, whole);

        // Every mistake of every service, the YAML's own and those of host networking and the container's paths, in one
        // report before anything is written; each is listed once however many services share it.
        var found = new List<DeployProblem>(problems);
        var services = new List<(HostService Service, DeployConfig Config)>();
        foreach (var service in plan.Services)
        {
            var (config, own) = DeployConfigLoader.LoadAndValidate(yaml, DeployConfigSource.Variables(Environment(service), RenderConfigOptions.ContainerRoot));
            found.AddRange(own);
            if (config is null) continue;
            services.Add((service, config with { Control = config.Control with { Port = config.Control.Port + service.ControlPortOffset } }));
            found.AddRange(DeployPipeline.Check(Options(service), Environment(service)));
        }
        var network = ComposeNetwork.Read(env);
        found.AddRange(HostPorts.Problems(services, network));
        if (found.Distinct().ToList() is { Count: > 0 } all) throw new UsageException(DeployProblems.Format(all));

        using (var writer = new LogWriter(log))
        {
            foreach (var (service, _) in services)
            {
                log($"Rendering service {service.Name} into {layout.Display(service.Directory)}");
                DeployPipeline.Render(Options(service), Environment(service), writer);
            }
        }
        Directory.CreateDirectory(layout.DataDir);
        foreach (var directory in services.Select(s => s.Service.Directory).Append(layout.DataDir))
            Require(new ProcessSpec("chown", ["-R", ImageUser.Owner, directory]), $"chown -R {ImageUser.Owner} {directory}");

        using (var output = new StagedOutput())
        {
            var staged = output.Stage(composeFile, Encoding.UTF8.GetBytes(ComposeRenderer.HostComposeFile(plan, new TemplateSet(layout.TemplatesDir))), RenderedFile.Readable);
            var check = tool.Run(tool.Config(staged), log);
            if (!check.Succeeded) throw new DockerException(check.Failure($"{tool.Name} rejected the rendered compose file", "nothing was written"));
            output.Commit();
        }
        log($"Wrote {composeFile} (project {plan.Project}, host networking; {tool.Name} config accepts it)");
        if (!request.Up) return;

        docker.EnsureDaemon();
        if (!docker.ImageExists(image)) throw new DockerException(request.MissingImage);
        var project = tool.ForProject(plan.Project);
        var up = project.Run(project.Up(composeFile), log);
        if (!up.Succeeded) throw new DockerException(up.Failure($"{tool.Name} up failed"));
        new StackHealth(runner, log, project, composeFile).Wait(services, network, request.VirtualHost, request.UpTimeout);
    }

    /// <summary>Stops the stack of this compose file and removes its containers and network.</summary>
    public static void Down(ComposeTool tool, string composeFile, Action<string> log)
    {
        if (!File.Exists(composeFile))
            throw new UsageException($"nothing to stop: {composeFile} does not exist; pass the --exec-dir (or --compose-file) the stack was started with");
        var project = tool.ForProject(HostStackPlan.ProjectName(composeFile));
        var down = project.Run(project.Down(composeFile), log);
        if (!down.Succeeded) throw new DockerException(down.Failure($"{tool.Name} down failed"));
        log($"Stopped the stack of {composeFile}; its containers and network are removed");
    }

    private RenderConfigOptions Options(HostService service) => new(
        request.DeployConfig, request.DeployConfigEnv, service.ExecDir,
        layout.TemplatesDir, layout.Root, request.Force, RenderConfigOptions.ContainerRoot,
        service.ControlPortOffset);

    // A service of a containers: map enables its executables as the existing images do, through OVERWATCH_EXECUTABLES.
    private Dictionary<string, string?> Environment(HostService service)
    {
        var environment = new Dictionary<string, string?>(env.All);
        if (service.Executables is not null) environment[DeployConfigLoader.ExecutablesVariable] = service.Executables;
        return environment;
    }

    private void Require(ProcessSpec spec, string what)
    {
        var result = runner.Run(spec);
        if (!result.Succeeded) throw new InvalidOperationException(result.Failure(what));
    }
}
