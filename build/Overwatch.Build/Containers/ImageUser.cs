namespace Overwatch.Build.Containers;

/// <summary>The user overwatch of the base images, who runs every program and must own the files handed to them.</summary>
public static class ImageUser
{
    public const int Uid = 2143;
    public const int Gid = 2143;

    /// <summary>As chown takes it.</summary>
    public static readonly string Owner = $"{Uid}:{Gid}";
}
