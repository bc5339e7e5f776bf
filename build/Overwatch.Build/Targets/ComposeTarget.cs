using Overwatch.Build.Images.Plan;
using Overwatch.Build.Containers;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Targets;

/// <summary>
/// Compose: writes the compose file of the app image (<see cref="ComposeStack"/>, or one container per service on the
/// host's network with --network=host, <see cref="HostStack"/>), then optionally starts or stops the stack.
/// </summary>
public sealed class ComposeTarget(BuildContext context)
{
    public void Run()
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("Compose writes Unix file modes; run it on Linux or macOS");
        var (layout, arguments) = (context.Layout, context.Arguments);
        var network = StackNetworks.Parse(arguments.Get(BuildArguments.Network));
        var composeFile = Path.GetFullPath(arguments.Get(BuildArguments.ComposeFile) ?? Path.Combine(layout.ExecDir, ExecLayout.ComposeFile), layout.Root);
        if (network == StackNetwork.Host) RunHost(composeFile);
        else if (arguments.Get(BuildArguments.Down)) new ComposeStack(ComposeTool.Find(context.Runner), layout, context.Log).Down(composeFile);
        else
        {
            var image = context.Images.ImageToRun().References[0];
            var plan = ComposeStack.Plan(image, arguments.Get(BuildArguments.DeployConfig), arguments.Get(BuildArguments.DeployConfigEnv), layout,
                context.Environment, arguments.Get(BuildArguments.VirtualHost));
            var stack = new ComposeStack(ComposeTool.Find(context.Runner), layout, context.Log);
            stack.Write(plan, composeFile);
            if (arguments.Get(BuildArguments.Up)) stack.Up(composeFile);
        }
    }

    private void RunHost(string composeFile)
    {
        var tool = ComposeTool.Find(context.Runner);
        if (context.Arguments.Get(BuildArguments.Down))
        {
            HostStack.Down(tool, composeFile, context.Log);
            return;
        }
        HostStackPlan.RequireRoot(Environment.UserName);
        new HostStack(HostRequest(), context.Layout, context.Environment, context.Docker, context.Runner, context.Log).Run(tool, composeFile);
    }

    private HostStackRequest HostRequest()
    {
        var arguments = context.Arguments;
        var up = arguments.Get(BuildArguments.Up);
        // Read before anything is written: a bad value after `up` would leave a started stack behind an error.
        var timeout = up ? UpTimeout.Parse(arguments.GetOrDefault(BuildArguments.UpTimeout)) : TimeSpan.Zero;
        var virtualHost = up ? VirtualHost.Parse(arguments.Get(BuildArguments.VirtualHost)) : null;
        var planned = context.Images.ImageToRun();
        return new HostStackRequest(arguments.Get(BuildArguments.DeployConfig), arguments.Get(BuildArguments.DeployConfigEnv),
            arguments.Get(BuildArguments.Force), up, timeout, virtualHost, planned,
            NamedImage.MissingLine(planned.References[0], context.Images.Named is not null, planned));
    }
}
