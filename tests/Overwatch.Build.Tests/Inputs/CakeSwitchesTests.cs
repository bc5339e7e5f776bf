using NUnit.Framework;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Tests.Inputs;

/// <summary>Cake removes its own switches from the script's arguments, so --dryrun is read from the command line.</summary>
public sealed class CakeSwitchesTests
{
    [TestCase("--dryrun", true)]
    [TestCase("--dryrun=true", true)]
    [TestCase("--noop", true)]
    [TestCase("--whatif", true)]
    [TestCase("--dryrun=false", false)]
    [TestCase("--target=Publish", false)]
    public void Dry_run_is_recognised_in_every_spelling_cake_accepts(string argument, bool expected)
    {
        Assert.That(CakeSwitches.IsDryRun(["build.cake", argument]), Is.EqualTo(expected));
    }
}
