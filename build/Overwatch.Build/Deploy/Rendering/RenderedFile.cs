namespace Overwatch.Build.Deploy.Rendering;

/// <summary>A rendered file: its path (relative paths are against the working directory), text and permissions.</summary>
public sealed record RenderedFile(string Path, string Text, UnixFileMode Mode)
{
    public const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    public const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
}
