using System.Text;
using Overwatch.Build.Infrastructure.Processes;

namespace Overwatch.Build.Infrastructure.Files;

/// <summary>
/// The one way the build writes files: every file goes to a temporary sibling first (created with its final
/// mode, so a secret is never readable by others), and only when all are staged are they renamed into place.
/// Disposing without <see cref="Commit"/> removes the temporaries and leaves the targets untouched; so does an
/// interrupt (SIGINT, SIGTERM, SIGHUP) before the renames, and one during them waits until they are done.
/// </summary>
public sealed class StagedOutput : IDisposable
{
    public const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly List<(string Temporary, string Target)> _staged = [];
    private readonly IDisposable _onInterrupt;

    public StagedOutput() => _onInterrupt = Interrupts.OnInterrupt(RemoveStaged);

    /// <summary>Writes one file so that readers never see half of it.</summary>
    public static void WriteFile(string path, string contents)
    {
        using var output = new StagedOutput();
        output.Stage(Path.GetFullPath(path), Encoding.UTF8.GetBytes(contents));
        output.Commit();
    }

    /// <param name="mode">The file's mode; null keeps the platform's default (the only choice on Windows).</param>
    /// <returns>The temporary file holding the contents until <see cref="Commit"/>.</returns>
    public string Stage(string target, byte[] contents, UnixFileMode? mode = null, UnixFileMode? newDirectoryMode = null)
    {
        var directory = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(directory))
        {
            if (newDirectoryMode is { } directoryMode && !OperatingSystem.IsWindows()) CreateDirectories(directory, directoryMode);
            else Directory.CreateDirectory(directory);
        }
        var temporary = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        _staged.Add((temporary, target));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (mode is { } createMode && !OperatingSystem.IsWindows()) options.UnixCreateMode = createMode;
        using (var stream = File.Open(temporary, options))
        {
            // The umask may have removed bits of a readable file; private files are already exact.
            if (mode is { } exactMode && !OperatingSystem.IsWindows()) File.SetUnixFileMode(stream.SafeFileHandle, exactMode);
            stream.Write(contents);
        }
        return temporary;
    }

    // Directory.CreateDirectory gives the mode to the last directory only; a secret's new parents (the programs'
    // home exec/home above .ssh) would be readable by everyone.
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void CreateDirectories(string directory, UnixFileMode mode)
    {
        if (Path.GetDirectoryName(directory) is { } parent && !Directory.Exists(parent)) CreateDirectories(parent, mode);
        if (!Directory.Exists(directory)) Directory.CreateDirectory(directory, mode);
    }

    public void Commit()
    {
        lock (Interrupts.CriticalSection)
        {
            Interrupts.ThrowIfInterrupted();
            foreach (var (temporary, target) in _staged) File.Move(temporary, target, overwrite: true);
            _staged.Clear();
        }
    }

    public void Dispose()
    {
        RemoveStaged();
        _onInterrupt.Dispose();
    }

    private void RemoveStaged()
    {
        lock (Interrupts.CriticalSection)
        {
            foreach (var (temporary, _) in _staged)
            {
                try { File.Delete(temporary); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
            _staged.Clear();
        }
    }

    /// <summary>True when <paramref name="path"/> already holds exactly these bytes.</summary>
    public static bool IsUnchanged(string path, byte[] contents) =>
        File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(contents);
}
