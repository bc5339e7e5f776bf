using NUnit.Framework;
using Overwatch.Build.Inputs;
using Overwatch.Build.Containers;

namespace Overwatch.Build.Tests.Inputs;

/// <summary>The seed's logging note: logs (under exec/) must never sit where the web app serves files (data/).</summary>
public sealed class ExecDirectoriesTests
{
    [TestCase("/srv/overwatch/exec")]
    [TestCase("/srv/overwatch/database-exec")]
    [TestCase("/tmp/elsewhere")]
    public void Exec_directories_outside_data_are_accepted(string execDir) =>
        Assert.That(ExecDirectories.Validate(execDir, "/srv/overwatch/data"), Is.EqualTo(execDir));

    [TestCase("/srv/overwatch/data")]
    [TestCase("/srv/overwatch/data/exec")]
    [TestCase("/srv/overwatch/data/a/b/")]
    public void Exec_directories_inside_data_are_refused(string execDir)
    {
        var error = Assert.Throws<UsageException>(() => ExecDirectories.Validate(execDir, "/srv/overwatch/data"));

        Assert.That(error!.Message, Does.Contain("which the web app serves").And.Contain("use exec/"));
    }

    [Test]
    public void Ensure_creates_logs_config_and_sockets()
    {
        using var work = new Infra.TempDirectory();

        ExecDirectories.Ensure(work.Combine("exec"));

        Assert.That(new[] { "logs", "config", "sockets" }.All(d => Directory.Exists(work.Combine("exec", d))), Is.True);
    }
}
