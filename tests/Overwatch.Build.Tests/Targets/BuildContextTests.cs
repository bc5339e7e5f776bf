using NUnit.Framework;
using Overwatch.Build.Infrastructure.Processes;
using Overwatch.Build.Inputs;
using Overwatch.Build.Targets;
using Overwatch.Build.Tests.Images;
using Overwatch.Build.Tests.Images.Refs;
using Overwatch.Build.Tests.Infra;
using static Overwatch.Build.Tests.Inputs.ArgumentSetTests;

namespace Overwatch.Build.Tests.Targets;

/// <summary>The context made in Setup: the plan on first use only, credentials checked before any push is due.</summary>
public sealed class BuildContextTests
{
    private TempDirectory root = null!;
    private readonly List<string> log = [];

    [SetUp]
    public void CreateRootWithImagesFile()
    {
        root = new TempDirectory("owb-context");
        Directory.CreateDirectory(root.Combine("docker"));
        ImagesConfigLoaderTests.WriteWithDockerfiles(root.Combine("docker", "images.yaml"));
        log.Clear();
    }

    [TearDown]
    public void RemoveRoot() => root.Dispose();

    [Test]
    public void Without_an_image_target_no_plan_is_made()
    {
        using var context = Context([TargetNames.RenderConfig], new NoProgramsRunner());

        Assert.That(log, Is.Empty, "the plan table is printed when the plan is made");
        Assert.That(context.Layout.ExecDir, Is.EqualTo(root.Combine("exec")));
    }

    [Test]
    public void The_plan_is_made_once_on_first_use_and_printed()
    {
        using var context = Context([TargetNames.Plan], new NoProgramsRunner());

        var first = context.Plan;

        Assert.That(context.Plan, Is.SameAs(first));
        Assert.That(log.Count(l => l.Contains("Ref:")), Is.EqualTo(1));
        Assert.That(first.Ref.Name, Is.EqualTo("master"));
    }

    [Test]
    public void A_due_push_without_credentials_fails_before_anything_runs()
    {
        using var context = Context([TargetNames.DockerImage, TargetNames.Push, TargetNames.Publish], new NoProgramsRunner());

        var error = Assert.Throws<UsageException>(() => _ = context.Plan);

        Assert.That(error!.Message, Does.Contain("due to be published but DOCKER_USERNAME or DOCKER_PASSWORD is not set"));
    }

    [Test]
    public void Under_dry_run_missing_credentials_are_a_warning()
    {
        using var context = Context([TargetNames.PublishBase], new NoProgramsRunner(), dryRun: true);

        Assert.That(context.Plan.Images, Is.Not.Empty);
        Assert.That(log, Has.Some.StartsWith("Warning: the base images are due to be published"));
    }

    private BuildContext Context(string[] scheduled, IProcessRunner runner, bool dryRun = false) =>
        new(Args("--python-version=3.6.7"), DeploymentLayout.Resolve(root.Path, Args()), CiEnvironment.None, TimeProvider.System,
            RunIntent.From(scheduled, Args(), dryRun), runner, new FakeLocalGit(branch: "master"), log.Add);

    /// <summary>The plan needs no program; a test that reaches one has gone wrong.</summary>
    private sealed class NoProgramsRunner : IProcessRunner
    {
        public ProcessResult Run(ProcessSpec spec, Action<string>? stream = null) => throw new AssertionException($"ran {spec.Display}");

        public int RunAttached(ProcessSpec spec) => throw new AssertionException($"ran {spec.Display}");
    }
}
