using NUnit.Framework;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Inputs;
using static Overwatch.Build.Tests.Inputs.ArgumentSetTests;

namespace Overwatch.Build.Tests.Inputs;

public sealed class RetryArgumentsTests
{
    [Test]
    public void Defaults_are_three_retries_within_five_minutes_and_a_ten_minute_stall_limit()
    {
        var policy = RetryArguments.Read(Args());

        Assert.That((policy.Retries, policy.Budget, policy.StallLimit),
            Is.EqualTo((3, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10))));
    }

    [Test]
    public void Given_values_are_used() =>
        Assert.That(RetryPolicies.From(RetryArguments.Read(Args("--retries=0", "--retry-budget=30", "--stall-timeout=5"))),
            Is.EqualTo(RetryPolicy.Default with { Retries = 0, Budget = TimeSpan.FromSeconds(30), StallLimit = TimeSpan.FromSeconds(5) }));

    [TestCase("--retries=-1", "--retries=-1 is not valid: expected a whole number from 0 to 20")]
    [TestCase("--retries=many", "--retries=many is not valid: expected a whole number from 0 to 20")]
    [TestCase("--retry-budget=1e3", "--retry-budget=1e3 is not valid: expected a whole number from 0 to 86400")]
    [TestCase("--stall-timeout=0", "--stall-timeout=0 is not valid: expected a whole number from 1 to 86400")]
    public void Bad_values_are_refused_with_the_range_and_an_example(string argument, string message)
    {
        var error = Assert.Throws<UsageException>(() => RetryArguments.Read(Args(argument)));

        Assert.That(error!.Message, Does.StartWith(message));
        Assert.That(error.Message, Does.Contain("e.g. --"));
    }
}
