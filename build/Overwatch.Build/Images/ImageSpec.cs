namespace Overwatch.Build.Images;

/// <summary>
/// One image to build: repository name, Dockerfile and build context (paths absolute once loaded).
/// <see cref="SourceTree"/> is the folder of the build context that receives the Overwatch source of the planned
/// commit (<c>overwatch-src</c> for the app image); null when the Dockerfile needs no source (the context is used as is).
/// </summary>
public sealed record ImageSpec(string Name, string Dockerfile, string Context)
{
    public string? SourceTree { get; init; }
}
