using System.Text;
using Overwatch.Build.Containers;
using Overwatch.Build.Deploy.Rendering;
using Overwatch.Build.Deploy;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Infrastructure.Files;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Targets;

/// <summary>
/// Writes the compose file (and the equivalent nginx site) only after the compose tool accepted it,
/// then optionally starts the stack.
/// </summary>
public sealed class ComposeTarget(ComposeTool tool, Action<string> log)
{
    public const string ProxySiteRelativePath = "config/nginx-proxy-site.conf";

    public void Run(ComposePlan plan, string composeFile, TemplateSet templates, bool up)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("Compose writes Unix file modes; run it on Linux or macOS");
        Directory.CreateDirectory(plan.DataDir);
        ExecDirectories.Ensure(plan.ExecDir);
        var compose = ComposeRenderer.ComposeFile(plan, templates);
        var site = ComposeRenderer.ProxySite(plan, templates);
        var siteFile = Path.Combine(plan.ExecDir, ProxySiteRelativePath);

        using (var output = new StagedOutput())
        {
            var staged = output.Stage(composeFile, Encoding.UTF8.GetBytes(compose), RenderedFile.Readable);
            if (site is not null) output.Stage(siteFile, Encoding.UTF8.GetBytes(site), RenderedFile.Readable);
            var check = tool.Run(tool.Config(staged), log);
            if (!check.Succeeded)
                throw new DockerException($"{tool.Name} rejected the rendered compose file (exit code {check.ExitCode}); nothing was written:{Environment.NewLine}{check.Tail()}");
            output.Commit();
        }
        log($"Wrote {composeFile} ({tool.Name} config accepts it)");
        if (site is not null) log($"Wrote {siteFile}");
        else if (plan.VirtualHost is null) log("No --virtual-host given: nginx-proxy will not route any host name to Overwatch.");

        if (!up) return;
        var result = tool.Run(tool.Up(composeFile), log);
        if (!result.Succeeded)
            throw new DockerException($"{tool.Name} up failed (exit code {result.ExitCode}):{Environment.NewLine}{result.Tail()}");
    }
}
