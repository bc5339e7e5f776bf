using Overwatch.Build.Deploy;

namespace Overwatch.Build.Targets;

/// <summary>SupervisorUpdate: the running supervisord picks up the changed programs of the rendered config (<see cref="SupervisorUpdate"/>).</summary>
public sealed class SupervisorUpdateTarget(BuildContext context)
{
    public void Run() => SupervisorUpdate.Run(context.Layout.SupervisordConf, context.Layout.ExecDir, context.Runner, context.Log);
}
