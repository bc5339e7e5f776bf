namespace Overwatch.Build.Inputs;

/// <summary>Registry credentials, only ever from DOCKER_USERNAME / DOCKER_PASSWORD. ToString never shows the password.</summary>
public sealed record Credentials(string Username, string Password)
{
    public override string ToString() => $"Credentials({Username}, ***)";
}
