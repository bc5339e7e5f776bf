using System.Text;
using Overwatch.Build.Deploy;
using Overwatch.Build.Deploy.Rendering;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Infrastructure.Files;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Containers;

/// <summary>
/// Compose on its own network (nginx-proxy in front): writes the compose file (and the equivalent nginx site) only after
/// the compose tool accepted it, starts and stops the stack.
/// </summary>
public sealed class ComposeStack(ComposeTool tool, DeploymentLayout layout, Action<string> log)
{
    /// <summary>The plan for the image; the deploy YAML, when one is given, decides which services it runs.</summary>
    public static ComposePlan Plan(string image, string? deployConfig, string? deployConfigEnv, DeploymentLayout layout,
        EnvironmentVariables env, string? virtualHost)
    {
        var source = DeployConfigSource.Read(deployConfig, deployConfigEnv, env.All, layout.Root, required: false);
        var config = source is { } given ? DeployConfigLoader.Load(given.Yaml, DeployConfigSource.Variables(env.All, layout.Root)) : null;
        return ComposePlan.Create(image, layout.DataDir, layout.ExecDir, ComposeNetwork.Read(env), VirtualHost.Parse(virtualHost), config);
    }

    public void Write(ComposePlan plan, string composeFile)
    {
        layout.EnsureDataAndExec();
        var compose = ComposeRenderer.ComposeFile(plan, new TemplateSet(layout.TemplatesDir));
        var site = ComposeRenderer.ProxySite(plan, new TemplateSet(layout.TemplatesDir));
        var siteFile = Path.Combine(layout.ExecDir, ExecLayout.ProxySite);

        using (var output = new StagedOutput())
        {
            var staged = output.Stage(composeFile, Encoding.UTF8.GetBytes(compose), RenderedFile.Readable);
            if (site is not null) output.Stage(siteFile, Encoding.UTF8.GetBytes(site), RenderedFile.Readable);
            var check = tool.Run(tool.Config(staged), log);
            if (!check.Succeeded)
                throw new DockerException(check.Failure($"{tool.Name} rejected the rendered compose file", "nothing was written"));
            output.Commit();
        }
        log($"Wrote {composeFile} ({tool.Name} config accepts it)");
        if (site is not null) log($"Wrote {siteFile}");
        else if (plan.VirtualHost is null) log("No --virtual-host given: nginx-proxy will not route any host name to Overwatch.");
    }

    public void Up(string composeFile)
    {
        var result = tool.Run(tool.Up(composeFile), log);
        if (!result.Succeeded) throw new DockerException(result.Failure($"{tool.Name} up failed"));
    }

    public void Down(string composeFile)
    {
        var down = tool.Run(tool.Down(composeFile), log);
        if (!down.Succeeded) throw new DockerException(down.Failure($"{tool.Name} down failed"));
    }
}
