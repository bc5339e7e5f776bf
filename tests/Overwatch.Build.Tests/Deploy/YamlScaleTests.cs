using System.Diagnostics;
using System.Text;
using NUnit.Framework;
using Overwatch.Build.Deploy;
using Overwatch.Build.Yaml;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Deploy;

/// <summary>Reading and rendering take time linear in the input: large valid documents finish within seconds.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class YamlScaleTests
{
    [Test]
    public void Forty_thousand_option_keys_render_within_seconds()
    {
        using var work = new TempDirectory();
        var yaml = Options(40_000, i => $"k{i}");
        Assert.That(Encoding.UTF8.GetByteCount(yaml), Is.LessThan(YamlLimits.Default.MaxBytes), "within the default size limit");
        var clock = Stopwatch.StartNew();

        DeployPipeline.Render(BadInputTests.Options(work.Path), DeployFixtures.Environment(work.Path, ("config", yaml)), TextWriter.Null);

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        Assert.That(File.ReadLines(work.Combine("config.yaml")).Count(l => l.StartsWith("k")), Is.EqualTo(40_000));
    }

    [Test]
    public void Ten_megabytes_parse_within_seconds_when_the_size_limit_allows_them()
    {
        var yaml = Options(400_000, i => $"key{i:D7}");
        Assert.That(yaml.Length, Is.GreaterThan(10_000_000));
        var clock = Stopwatch.StartNew();

        var (config, problems) = DeployConfigLoader.LoadAndValidate(yaml, DeployFixtures.Environment("/opt/overwatch"),
            YamlLimits.Default with { MaxBytes = 64L * 1024 * 1024 });

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)));
        Assert.That(problems, Is.Empty);
        Assert.That(config!.Executables.Single().AdditionalOptions!.Entries, Has.Count.EqualTo(400_000));
    }

    [Test]
    public void More_than_a_thousand_executables_render()
    {
        using var work = new TempDirectory();
        var yaml = new StringBuilder("supervisor: true\nexecutables:\n");
        for (var i = 0; i < 1500; i++) yaml.Append("    processing_p").Append(i).Append(":\n        enabled: true\n");

        DeployPipeline.Render(BadInputTests.Options(work.Path), DeployFixtures.Environment(work.Path, ("config", yaml.ToString())), TextWriter.Null);

        Assert.That(File.ReadLines(work.Combine("exec", "config", "supervisord.conf")).Count(l => l.StartsWith("[program:")), Is.EqualTo(1500));
    }

    private static string Options(int count, Func<int, string> key)
    {
        var text = new StringBuilder("executables:\n    processing:\n        enabled: true\n        additionalOptions:\n");
        for (var i = 0; i < count; i++) text.Append("            ").Append(key(i)).Append(": v\n");
        return text.ToString();
    }
}
