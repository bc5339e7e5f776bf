using NUnit.Framework;
using Overwatch.Build.Inputs;
using static Overwatch.Build.Tests.Inputs.ArgumentSetTests;

namespace Overwatch.Build.Tests.Inputs;

/// <summary>The seed's logging note: logs (under exec/) must never sit where the web app serves files (data/).</summary>
public sealed class DeploymentLayoutTests
{
    [TestCase("/srv/overwatch/exec")]
    [TestCase("/srv/overwatch/database-exec")]
    [TestCase("/tmp/elsewhere")]
    public void Exec_directories_outside_data_are_accepted(string execDir) =>
        Assert.That(DeploymentLayout.ValidateExecDir(execDir, "/srv/overwatch/data"), Is.EqualTo(execDir));

    [TestCase("/srv/overwatch/data")]
    [TestCase("/srv/overwatch/data/exec")]
    [TestCase("/srv/overwatch/data/a/b/")]
    public void Exec_directories_inside_data_are_refused(string execDir)
    {
        var error = Assert.Throws<UsageException>(() => DeploymentLayout.ValidateExecDir(execDir, "/srv/overwatch/data"));

        Assert.That(error!.Message, Does.Contain("which the web app serves").And.Contain("use exec/"));
    }

    [Test]
    public void An_exec_directory_that_is_a_symbolic_link_into_data_is_refused()
    {
        using var root = new Overwatch.Build.Tests.Infra.TempDirectory("owb-layout");
        Directory.CreateDirectory(root.Combine("data", "logs"));
        File.CreateSymbolicLink(root.Combine("exec"), root.Combine("data", "logs"));

        var error = Assert.Throws<UsageException>(() => DeploymentLayout.ValidateExecDir(root.Combine("exec"), root.Combine("data")));

        Assert.That(error!.Message, Does.Contain("leads through a symbolic link to").And.Contain("which the web app serves"));
    }

    [Test]
    public void Defaults_sit_under_the_root()
    {
        var layout = DeploymentLayout.Resolve("/srv/overwatch", Args());

        Assert.Multiple(() =>
        {
            Assert.That(layout.ExecDir, Is.EqualTo("/srv/overwatch/exec"));
            Assert.That(layout.DataDir, Is.EqualTo("/srv/overwatch/data"));
            Assert.That(layout.ArtifactsDir, Is.EqualTo("/srv/overwatch/artifacts"));
            Assert.That(layout.TemplatesDir, Is.EqualTo("/srv/overwatch/templates"));
            Assert.That(layout.SupervisordConf, Is.EqualTo("/srv/overwatch/exec/config/supervisord.conf"));
        });
    }

    [Test]
    public void Arguments_move_the_folders_relative_to_the_root()
    {
        var layout = DeploymentLayout.Resolve("/srv/overwatch", Args("--exec-dir=run", "--data-dir=/var/data", "--artifacts-dir=out"));

        Assert.That((layout.ExecDir, layout.DataDir, layout.ArtifactsDir), Is.EqualTo(("/srv/overwatch/run", "/var/data", "/srv/overwatch/out")));
    }

    [Test]
    public void An_exec_dir_inside_a_moved_data_dir_is_refused() =>
        Assert.Throws<UsageException>(() => DeploymentLayout.Resolve("/srv/overwatch", Args("--data-dir=/var/data", "--exec-dir=/var/data/exec")));

    [Test]
    public void Ensure_creates_data_and_the_exec_folders()
    {
        using var work = new Infra.TempDirectory();
        var layout = DeploymentLayout.Resolve(work.Path, Args());

        layout.EnsureDataAndExec();

        Assert.That(new[] { "logs", "config", "sockets" }.All(d => Directory.Exists(work.Combine("exec", d))), Is.True);
        Assert.That(Directory.Exists(work.Combine("data")), Is.True);
    }

    [TestCase("/srv/overwatch/exec/config/a.conf", "exec/config/a.conf")]
    [TestCase("/tmp/a.conf", "/tmp/a.conf")]
    public void Paths_are_shown_relative_to_the_root_when_inside_it(string path, string shown) =>
        Assert.That(DeploymentLayout.Display(path, "/srv/overwatch"), Is.EqualTo(shown));
}
