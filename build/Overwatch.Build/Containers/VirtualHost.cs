using System.Text.RegularExpressions;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Containers;

/// <summary>--virtual-host: the host name(s) nginx-proxy routes to Overwatch (comma-separated, as VIRTUAL_HOST takes them).</summary>
public static partial class VirtualHost
{
    public static string? Parse(string? value) =>
        value is null || value.Split(',').All(HostName().IsMatch)
            ? value
            : throw new UsageException($"--virtual-host={value} is not a host name: use e.g. --virtual-host=dev.aliceoverwatch.physics.yale.edu (several separated by commas)");

    [GeneratedRegex(@"^(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\z")]
    private static partial Regex HostName();
}
