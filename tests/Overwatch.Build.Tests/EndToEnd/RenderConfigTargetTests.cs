using NUnit.Framework;
using Overwatch.Build.Tests.Deploy;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.EndToEnd;

/// <summary>./build.sh --target=RenderConfig on the docs example, checked by the real nginx.</summary>
[TestFixture, Category("EndToEnd"), NonParallelizable]
public sealed class RenderConfigTargetTests
{
    private TempDirectory work = null!;

    [SetUp]
    public void CreateWorkDirectory() => work = new TempDirectory("owb-render");

    [TearDown]
    public void RemoveWorkDirectory() => work.Dispose();

    [Test]
    public void ReadmeExample_RendersFilesNginxAccepts_AndTheSameBytesTwice()
    {
        var nginx = RequiredProgram.Find("nginx");
        var config = ExampleWithNginxUnder(work.Combine("nginx"));

        var first = Render($"--deploy-config={config}");
        var bytes = Snapshot(work.Path);
        var second = Render($"--deploy-config={config}");

        Assert.That(first.ExitCode, Is.EqualTo(0), first.ToString());
        Assert.That(second.ExitCode, Is.EqualTo(0), second.ToString());
        Assert.That(Snapshot(work.Path), Is.EqualTo(bytes), "the same input renders the same bytes");
        Assert.That(File.Exists(work.Combine("exec", "config", "supervisord.conf")), Is.True);
        Assert.That(File.Exists(work.Combine("exec", "config", "webApp_uwsgi.yaml")), Is.True);

        var conf = NginxMainConfig.Write(work.Path, [work.Combine("nginx", "conf.d", "gzip.conf"), work.Combine("nginx", "sites-enabled", "webAppNginx.conf")]);
        var test = Shell.Run(nginx, "-t", "-c", conf, "-p", work.Path);
        Assert.That(test.ExitCode, Is.EqualTo(0), test.ToString());
    }

    [Test]
    public void YamlInTheConfigVariable_WithAMistake_FailsClearlyAndWritesNothing()
    {
        var yaml = File.ReadAllText(DeployFixtures.ExampleConfig).Replace("receiver: \"EMC\"", "receiver: \"EMCAL\"");
        var before = Snapshot(work.Path);

        var result = BuildScript.Run(["--target=RenderConfig", $"--exec-dir={work.Combine("exec")}"], new() { ["config"] = yaml });

        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        Assert.That(result.StandardError, Does.Contain("executables.zmqReceiver_EMC"));
        Assert.That(result.StandardError, Does.Contain("three letters"));
        Assert.That(result.StandardError, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(Snapshot(work.Path), Is.EqualTo(before));
    }

    [Test]
    public void FileAndVariableBothGiven_IsRefused()
    {
        var result = BuildScript.Run(["--target=RenderConfig", $"--deploy-config={DeployFixtures.ExampleConfig}", "--deploy-config-env=config",
            $"--exec-dir={work.Combine("exec")}"], new() { ["config"] = "supervisor: false" });

        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        Assert.That(result.StandardError, Does.Contain("--deploy-config").And.Contain("--deploy-config-env"));
        Assert.That(Directory.Exists(work.Combine("exec", "config")), Is.False);
    }

    private CommandResult Render(params string[] extra) =>
        BuildScript.Run(["--target=RenderConfig", $"--exec-dir={work.Combine("exec")}", .. extra]);

    private string ExampleWithNginxUnder(string basePath)
    {
        var path = work.Combine("deployConfig.yaml");
        File.WriteAllText(path, File.ReadAllText(DeployFixtures.ExampleConfig).Replace("basePath: \"exec/nginx\"", $"basePath: \"{basePath}\""));
        return path;
    }

    private static Dictionary<string, string> Snapshot(string directory) =>
        Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(directory, f), f => Convert.ToBase64String(File.ReadAllBytes(f)));
}
