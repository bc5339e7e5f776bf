using System.Text;
using Overwatch.Build.Containers;
using Overwatch.Build.Deploy;
using Overwatch.Build.Deploy.Rendering;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Infrastructure.Files;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Targets;

/// <summary>
/// Compose: writes the compose file (and the equivalent nginx site) only after the compose tool accepted it,
/// then optionally starts the stack.
/// </summary>
public sealed class ComposeTarget(BuildContext context)
{
    public void Run()
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("Compose writes Unix file modes; run it on Linux or macOS");
        var (layout, arguments, env) = (context.Layout, context.Arguments, context.Environment);
        var network = StackNetworks.Parse(arguments.Get(BuildArguments.Network));
        var composeFile = Path.GetFullPath(arguments.Get(BuildArguments.ComposeFile) ?? Path.Combine(layout.ExecDir, ExecLayout.ComposeFile), layout.Root);
        if (network == StackNetwork.Host)
        {
            if (arguments.Get(BuildArguments.Down)) HostStack.Down(ComposeTool.Find(context.Runner), composeFile, context.Log);
            else
            {
                HostStackPlan.RequireRoot(System.Environment.UserName);
                new HostStack(HostRequest(), layout, env, context.Docker, context.Runner, context.Log).Run(ComposeTool.Find(context.Runner), composeFile);
            }
            return;
        }
        if (arguments.Get(BuildArguments.Down))
        {
            var composeTool = ComposeTool.Find(context.Runner);
            var down = composeTool.Run(composeTool.Down(composeFile), context.Log);
            if (!down.Succeeded) throw new DockerException(down.Failure($"{composeTool.Name} down failed"));
            return;
        }
        var image = context.Images.ImageToRun().References[0];
        var source = DeployConfigSource.Read(arguments.Get(BuildArguments.DeployConfig), arguments.Get(BuildArguments.DeployConfigEnv), env.All, layout.Root, required: false);
        var config = source is { } given ? DeployConfigLoader.Load(given.Yaml, DeployConfigSource.Variables(env.All, layout.Root)) : null;
        var plan = ComposePlan.Create(image, layout.DataDir, layout.ExecDir,
            ComposeNetwork.Read(env), VirtualHost.Parse(arguments.Get(BuildArguments.VirtualHost)), config);
        var tool = ComposeTool.Find(context.Runner);

        layout.EnsureDataAndExec();
        var compose = ComposeRenderer.ComposeFile(plan, new TemplateSet(layout.TemplatesDir));
        var site = ComposeRenderer.ProxySite(plan, new TemplateSet(layout.TemplatesDir));
        var siteFile = Path.Combine(layout.ExecDir, ExecLayout.ProxySite);

        using (var output = new StagedOutput())
        {
            var staged = output.Stage(composeFile, Encoding.UTF8.GetBytes(compose), RenderedFile.Readable);
            if (site is not null) output.Stage(siteFile, Encoding.UTF8.GetBytes(site), RenderedFile.Readable);
            var check = tool.Run(tool.Config(staged), context.Log);
            if (!check.Succeeded)
                throw new DockerException(check.Failure($"{tool.Name} rejected the rendered compose file", "nothing was written"));
            output.Commit();
        }
        context.Log($"Wrote {composeFile} ({tool.Name} config accepts it)");
        if (site is not null) context.Log($"Wrote {siteFile}");
        else if (plan.VirtualHost is null) context.Log("No --virtual-host given: nginx-proxy will not route any host name to Overwatch.");

        if (!arguments.Get(BuildArguments.Up)) return;
        var result = tool.Run(tool.Up(composeFile), context.Log);
        if (!result.Succeeded) throw new DockerException(result.Failure($"{tool.Name} up failed"));
    }

    private HostStackRequest HostRequest()
    {
        var (arguments, planned) = (context.Arguments, context.Images.ImageToRun());
        return new HostStackRequest(arguments.Get(BuildArguments.DeployConfig), arguments.Get(BuildArguments.DeployConfigEnv),
            arguments.Get(BuildArguments.Force), arguments.Get(BuildArguments.Up), arguments.GetOrDefault(BuildArguments.UpTimeout),
            arguments.Get(BuildArguments.VirtualHost), planned,
            NamedImage.MissingLine(planned.References[0], context.Images.Named is not null, planned));
    }
}
