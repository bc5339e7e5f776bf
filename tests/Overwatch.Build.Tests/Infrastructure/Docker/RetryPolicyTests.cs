using NUnit.Framework;
using Overwatch.Build.Infrastructure.Docker;

namespace Overwatch.Build.Tests.Infrastructure.Docker;

public sealed class RetryPolicyTests
{
    private static readonly RetryPolicy Policy = new(3, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(30));

    [TestCase(1, 0.0, 1.0)]
    [TestCase(1, 0.999, 2.0)]
    [TestCase(2, 0.0, 2.0)]
    [TestCase(3, 0.0, 4.0)]
    [TestCase(3, 0.999, 8.0)]
    public void Delays_grow_exponentially_with_jitter(int retry, double jitter, double seconds) =>
        Assert.That(Policy.DelayBefore(retry, TimeSpan.Zero, null, jitter)!.Value.TotalSeconds, Is.EqualTo(seconds).Within(0.01));

    [Test]
    public void No_retry_is_left_after_the_last_one() =>
        Assert.That(Policy.DelayBefore(4, TimeSpan.Zero, null, 0.5), Is.Null);

    [Test]
    public void The_registrys_retry_after_is_waited_at_least() =>
        Assert.That(Policy.DelayBefore(1, TimeSpan.Zero, TimeSpan.FromSeconds(7), 0.5), Is.EqualTo(TimeSpan.FromSeconds(7)));

    [Test]
    public void A_wait_past_the_budget_is_not_taken() =>
        Assert.That(Policy.DelayBefore(1, TimeSpan.FromSeconds(59), null, 0.5), Is.Null);

    [Test]
    public void A_retry_after_past_the_budget_ends_the_retries() =>
        Assert.That(Policy.DelayBefore(1, TimeSpan.Zero, TimeSpan.FromMinutes(5), 0.5), Is.Null);
}
