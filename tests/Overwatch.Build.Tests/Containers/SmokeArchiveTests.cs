using System.Formats.Tar;
using NUnit.Framework;
using Overwatch.Build.Containers;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Containers;

/// <summary>The rendered deployment as docker cp receives it: every entry the image user's, each with its own mode.</summary>
public sealed class SmokeArchiveTests
{
    [Test]
    public void Every_file_and_folder_is_owned_by_uid_2143_with_its_mode_and_the_root_itself_is_left_alone()
    {
        using var rendered = new TempDirectory("owb-smoke-archive");
        Directory.CreateDirectory(rendered.Combine("exec", "config"));
        Directory.CreateDirectory(rendered.Combine("exec", "sockets"));
        File.WriteAllText(rendered.Combine("config.yaml"), "debug: false\n");
        File.WriteAllText(rendered.Combine("exec", "config", "supervisord.conf"), "[supervisord]\n");
        File.WriteAllText(rendered.Combine("exec", "config", "sshKey"), "secret\n");
        File.SetUnixFileMode(rendered.Combine("exec", "config", "sshKey"), UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var entries = Read(SmokeArchive.Of(rendered.Path));

        Assert.That(entries.Select(e => $"{e.Name} {e.Type} {e.Uid}:{e.Gid}"), Is.EqualTo(new[]
        {
            "config.yaml RegularFile 2143:2143",
            "exec/ Directory 2143:2143",
            "exec/config/ Directory 2143:2143",
            "exec/config/sshKey RegularFile 2143:2143",
            "exec/config/supervisord.conf RegularFile 2143:2143",
            "exec/sockets/ Directory 2143:2143",
        }));
        Assert.That(entries.Single(e => e.Name == "exec/config/sshKey").Mode, Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(entries.Single(e => e.Name == "exec/config/sshKey").Content, Is.EqualTo("secret\n"));
        Assert.That(entries.Single(e => e.Name == "exec/config/supervisord.conf").Mode,
            Is.EqualTo(File.GetUnixFileMode(rendered.Combine("exec", "config", "supervisord.conf"))));
    }

    private static List<(string Name, TarEntryType Type, int Uid, int Gid, UnixFileMode Mode, string Content)> Read(byte[] archive)
    {
        var entries = new List<(string, TarEntryType, int, int, UnixFileMode, string)>();
        using var reader = new TarReader(new MemoryStream(archive));
        while (reader.GetNextEntry() is { } entry)
        {
            var content = entry.DataStream is null ? "" : new StreamReader(entry.DataStream).ReadToEnd();
            entries.Add((entry.Name, entry.EntryType, entry.Uid, entry.Gid, entry.Mode, content));
        }
        return entries;
    }
}
