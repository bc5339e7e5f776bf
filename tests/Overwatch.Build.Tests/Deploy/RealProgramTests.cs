using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NUnit.Framework;
using Overwatch.Build.Deploy;
using Overwatch.Build.Deploy.Rendering;
using Overwatch.Build.Yaml;
using Overwatch.Build.Tests.Infra;
using Overwatch.Build.Deploy.Model;

namespace Overwatch.Build.Tests.Deploy;

/// <summary>The real nginx, supervisord and uwsgi accept what the docs example renders.</summary>
[Category("Programs")]
public class RealProgramTests
{
    private TempDirectory _work = null!;
    private Supervisord? _supervisord;

    [SetUp]
    public void SetUp() => _work = new TempDirectory("owb-programs");

    [TearDown]
    public void TearDown()
    {
        _supervisord?.Dispose();
        _supervisord = null;
        _work.Dispose();
    }

    [Test]
    public void Nginx_accepts_the_site_and_gzip_files()
    {
        var nginx = RequiredProgram.Find("nginx");
        var (config, files) = RenderExample();
        var (_, site) = config.Nginx!.Value;
        WriteAll(files);
        var conf = NginxMainConfig.Write(_work.Path, [Relocate(site.GzipFile), Relocate(site.SiteFile)]);

        var (exitCode, output) = Run(nginx, "-t", "-c", conf, "-p", _work.Path);

        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("syntax is ok"));
    }

    [Test]
    public void Nginx_accepts_the_rendered_main_config_the_nginx_program_runs()
    {
        var nginx = RequiredProgram.Find("nginx");
        var (config, files) = RenderExample();
        WriteAll(files);
        Directory.CreateDirectory(_work.Combine("exec", "nginx-temp"));
        var command = SupervisorPrograms.For(config, Settings).Single(p => p.Name == "nginx").Command;
        var mainConfig = command.Split(" -c ")[1];

        var (exitCode, output) = Run(nginx, "-t", "-c", mainConfig);

        Assert.That(mainConfig, Is.EqualTo(_work.Combine("exec", "config", "nginx.conf")));
        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("syntax is ok"));
    }

    [Test]
    public void Uwsgi_reads_every_option_of_the_rendered_yaml()
    {
        var uwsgi = RequiredProgram.Locate("uwsgi-core") ?? RequiredProgram.Find("uwsgi");
        var (config, files) = RenderExample();
        WriteAll(files);
        var app = config.EnabledExecutables.Single(e => e.ServedByUwsgi);
        var settings = Settings;
        var yamlFile = Relocate(Path.Combine(settings.ConfigDirRelative, ConfigRenderer.UwsgiFile(app)));

        Assert.Multiple(() =>
        {
            foreach (var option in UwsgiConfig.Options(app, settings))
            {
                var expected = ((YamlScalar)option.Value).Text;
                var (exitCode, output) = Run(uwsgi, "--yaml", yamlFile, "--get", option.Key.Text!);
                Assert.That(exitCode, Is.EqualTo(0), output);
                Assert.That(output.Split('\n').Select(l => l.Trim()), Does.Contain(expected), $"uwsgi --get {option.Key.Text}");
            }
        });
        Assert.That(UwsgiConfig.Socket(app, settings), Is.EqualTo(Path.Combine(_work.Path, "exec", "sockets", "webApp_uwsgi.sock")),
            "nginx's uwsgi_pass and uwsgi's socket are the same path");
    }

    [Test]
    public void Supervisord_starts_on_the_config_and_lists_every_program()
    {
        var port = FreePort.OnLoopback();
        var yaml = File.ReadAllText(DeployFixtures.ExampleConfig).Replace("port: 9001", $"port: {port}");
        var (config, files) = RenderExample(yaml);
        WriteAll(files);
        Directory.CreateDirectory(_work.Combine("exec", "logs"));
        var confPath = _work.Combine(DeployConfig.SupervisordConfPath("exec"));

        _supervisord = new Supervisord(confPath, _work.Path);
        var status = _supervisord.Status("nginx");

        var listed = status.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).ToList();
        var expected = SupervisorPrograms.For(config, Settings).Select(p => p.Name).ToList();
        Assert.That(listed, Is.EquivalentTo(expected), status);
        Assert.That(config.Control.ServerUrl, Is.EqualTo($"http://127.0.0.1:{port}"));
    }

    private RenderSettings Settings => new(_work.Path, "exec");

    /// <summary>
    /// The docs example, with nginx's base path moved into the temp directory and its tunnels pointed at this machine:
    /// supervisord really starts autossh, which must reach nothing off the machine.
    /// </summary>
    private (DeployConfig Config, IReadOnlyList<RenderedFile> Files) RenderExample(string? yaml = null)
    {
        yaml ??= File.ReadAllText(DeployFixtures.ExampleConfig);
        yaml = yaml.Replace("basePath: \"exec/nginx\"", "basePath: \"nginx\"").Replace("address: \"lxplus.cern.ch\"", "address: \"127.0.0.1\"");
        var config = DeployConfigLoader.Load(yaml, DeployFixtures.Environment(_work.Path));
        return (config, ConfigRenderer.Render(config, Settings, new TemplateSet(RepoPaths.Templates)));
    }

    private void WriteAll(IEnumerable<RenderedFile> files)
    {
        foreach (var file in files)
        {
            var path = Relocate(file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Text);
        }
    }

    private string Relocate(string path)
    {
        Assert.That(Path.IsPathRooted(path) && !path.StartsWith(_work.Path), Is.False, $"{path} would be written outside the test directory");
        return Path.GetFullPath(path, _work.Path);
    }

    private static (int ExitCode, string Output) Run(string program, params string[] arguments)
    {
        var result = Shell.Run(program, arguments);
        return (result.ExitCode, result.AllOutput);
    }
}
