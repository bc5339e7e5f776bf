namespace Overwatch.Build.Containers;

/// <summary>One Overwatch container of the stack. <see cref="Executables"/> is its OVERWATCH_EXECUTABLES (null: all enabled).</summary>
public sealed record ComposeService(string Name, string? Executables, int? HostPort)
{
    /// <summary>Serves the web app: published on externalIP and routed to by nginx-proxy.</summary>
    public bool IsWeb => HostPort is not null;
}
