using System.Formats.Tar;

namespace Overwatch.Build.Containers;

/// <summary>
/// The rendered smoke deployment as a tar stream for <c>docker cp - CONTAINER:/opt/overwatch</c>: every file and folder
/// under the render directory with its own mode, owned by the image's user. The daemon extracts the stream with the
/// owners it names, so the files reach the container on any engine (dind, ssh://, tcp://) without a bind mount of this
/// machine's paths and without chown here (no root needed).
/// </summary>
public static class SmokeArchive
{
    public static byte[] Of(string directory)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("the smoke test reads Unix file modes; run it on Linux or macOS");
        using var stream = new MemoryStream();
        using (var tar = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
        {
            // Parents before children; the root itself is not an entry, so /opt/overwatch keeps the image's owner and mode.
            foreach (var path in Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var name = Path.GetRelativePath(directory, path).Replace(Path.DirectorySeparatorChar, '/');
                var isDirectory = Directory.Exists(path) && !File.GetAttributes(path).HasFlag(FileAttributes.ReparsePoint);
                var entry = new PaxTarEntry(isDirectory ? TarEntryType.Directory : TarEntryType.RegularFile, isDirectory ? name + "/" : name)
                {
                    Uid = ImageUser.Uid,
                    Gid = ImageUser.Gid,
                    Mode = File.GetUnixFileMode(path),
                    ModificationTime = File.GetLastWriteTimeUtc(path),
                };
                if (isDirectory)
                {
                    tar.WriteEntry(entry);
                    continue;
                }
                using var content = File.OpenRead(path);
                entry.DataStream = content;
                tar.WriteEntry(entry);
            }
        }
        return stream.ToArray();
    }
}
