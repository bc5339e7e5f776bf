using NUnit.Framework;
using Overwatch.Build.Containers;

namespace Overwatch.Build.Tests.Containers;

/// <summary>What the smoke test found per version, as a publish record or summary reads it.</summary>
public sealed class SmokeResultsTests
{
    [Test]
    public void The_summary_says_yes_no_or_skipped_per_version_in_order()
    {
        var results = new SmokeResults();
        results.Add(new SmokeResult("2.7.15", SmokeState.Passed, null, TimeSpan.FromSeconds(3)));
        results.Add(new SmokeResult("3.6.7", SmokeState.Failed, "smoke test of Python 3.6.7 failed: time-out: ...", TimeSpan.FromSeconds(120)));
        results.Add(new SmokeResult("3.7.1", SmokeState.Skipped, null, TimeSpan.Zero));

        Assert.That(results.Summary, Is.EqualTo("2.7.15 yes, 3.6.7 no, 3.7.1 skipped"));
        Assert.That(results.AnySkipped, Is.True);
    }

    [Test]
    public void Versions_that_passed_or_failed_are_not_skipped()
    {
        var results = new SmokeResults();
        results.Add(new SmokeResult("2.7.15", SmokeState.Passed, null, TimeSpan.FromSeconds(3)));
        results.Add(new SmokeResult("3.6.7", SmokeState.Failed, "smoke test of Python 3.6.7 failed: time-out: ...", TimeSpan.FromSeconds(120)));

        Assert.That(results.AnySkipped, Is.False);
    }

    [Test]
    public void Nothing_run_is_an_empty_record()
    {
        var results = new SmokeResults();

        Assert.That((results.Summary, results.AnySkipped), Is.EqualTo(("", false)));
    }
}
