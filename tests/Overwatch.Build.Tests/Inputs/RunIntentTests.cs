using NUnit.Framework;
using Overwatch.Build.Inputs;
using static Overwatch.Build.Tests.Inputs.ArgumentSetTests;

namespace Overwatch.Build.Tests.Inputs;

/// <summary>The run's intent from the tasks Cake schedules for a target (as build.cake chains them) and the arguments.</summary>
public sealed class RunIntentTests
{
    // Rows: the scheduled tasks, an argument, dry run → Plans, BuildsBase, PushesBase, BuildsApps, SmokeTests, Pushes, Records.
    [TestCase("Plan,DockerImage,Default", "", false, true, false, false, true, false, false, true)]
    [TestCase("Plan", "", false, true, false, false, false, false, false, false)]
    [TestCase("DockerBase", "", false, true, true, false, false, false, false, true)]
    [TestCase("DockerBase,PublishBase", "", false, true, true, true, false, false, false, true)]
    [TestCase("DockerImage,SmokeTest,Push,Publish", "", false, true, false, false, true, true, true, true)]
    [TestCase("DockerImage,SmokeTest,Push,Publish", "--skip-smoke-test", false, true, false, false, true, false, true, true)]
    [TestCase("DockerImage,SmokeTest,Push,Publish", "", true, true, false, false, true, true, true, false)]
    [TestCase("DockerImage,SmokeTest", "", false, true, false, false, true, true, false, true)]
    [TestCase("RenderConfig", "", false, false, false, false, false, false, false, false)]
    [TestCase("Shell", "", false, true, false, false, false, false, false, false)]
    [TestCase("SupervisorUpdate", "", false, false, false, false, false, false, false, false)]
    public void Each_target_says_what_the_run_does(string scheduled, string argument, bool dryRun,
        bool plans, bool buildsBase, bool pushesBase, bool buildsApps, bool smokeTests, bool pushes, bool records)
    {
        var intent = RunIntent.From(scheduled.Split(','), Args(argument == "" ? [] : [argument]), dryRun);

        Assert.That((intent.Plans, intent.BuildsBase, intent.PushesBase, intent.BuildsApps, intent.SmokeTests, intent.Pushes, intent.Records),
            Is.EqualTo((plans, buildsBase, pushesBase, buildsApps, smokeTests, pushes, records)));
    }

    [TestCase("Plan,DockerImage,Default", "not pushed: Push is not part of this run (--target=Publish pushes)")]
    [TestCase("DockerImage,SmokeTest", "not pushed: Push is not part of this run (--target=Publish pushes)")]
    [TestCase("DockerBase", "not pushed: PublishBase is not part of this run")]
    [TestCase("DockerBase,PublishBase", null)]
    [TestCase("DockerImage,SmokeTest,Push,Publish", null)]
    public void A_run_without_its_push_step_says_why_nothing_was_pushed(string scheduled, string? why) =>
        Assert.That(RunIntent.From(scheduled.Split(','), Args(), dryRun: false).NotPushedBecause, Is.EqualTo(why));

    [TestCase("DockerImage,SmokeTest,Push,Publish", "", "DockerImage,SmokeTest,Push,Publish")]
    [TestCase("DockerImage,SmokeTest,Push,Publish", "--skip-smoke-test", "DockerImage,Push,Publish")]
    public void The_target_is_the_last_task_and_a_skipped_smoke_test_is_no_step(string scheduled, string argument, string steps)
    {
        var intent = RunIntent.From(scheduled.Split(','), Args(argument == "" ? [] : [argument]), dryRun: false);

        Assert.That(intent.Target, Is.EqualTo("Publish"));
        Assert.That(string.Join(",", intent.Steps), Is.EqualTo(steps));
    }
}
