namespace Overwatch.Build.Images;

/// <summary>One image to build: repository name, Dockerfile and build context (paths absolute once loaded).</summary>
public sealed record ImageSpec(string Name, string Dockerfile, string Context);
