namespace Overwatch.Build.Images.Refs;

/// <summary>The ref being built and the commit it points at (for the image's revision label).</summary>
public sealed record BuildSource(GitRef Ref, string? Revision);
