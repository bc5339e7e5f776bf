using NUnit.Framework;
using Overwatch.Build.Inputs;
using static Overwatch.Build.Tests.Inputs.ArgumentSetTests;

namespace Overwatch.Build.Tests.Inputs;

public sealed class ParallelArgumentTests
{
    [TestCase(2, 3, 2)]
    [TestCase(8, 3, 3)]
    [TestCase(1, 3, 1)]
    [TestCase(4, 1, 1)]
    public void By_default_one_lane_per_core_and_never_more_than_versions(int cores, int versions, int expected) =>
        Assert.That(ParallelArgument.Read(Args(), versions, cores), Is.EqualTo(expected));

    [TestCase(2, 3, 3)]
    [TestCase(2, 2, 2)]
    [TestCase(8, 3, 3)]
    [TestCase(1, 3, 2)]
    public void By_default_lanes_that_wait_on_io_get_one_more_than_cores(int cores, int versions, int expected) =>
        Assert.That(ParallelArgument.Read(Args(), versions, cores, LaneLoad.Io), Is.EqualTo(expected));

    [TestCase("--parallel=1", 1)]
    [TestCase("--parallel=5", 5)]
    public void A_given_number_is_used(string argument, int expected) =>
        Assert.That(ParallelArgument.Read(Args(argument), versions: 3, cores: 2), Is.EqualTo(expected));

    [TestCase("--parallel=0")]
    [TestCase("--parallel=33")]
    [TestCase("--parallel=two")]
    [TestCase("--parallel=-1")]
    public void Bad_values_are_refused_with_the_range_and_an_example(string argument)
    {
        var error = Assert.Throws<UsageException>(() => ParallelArgument.Read(Args(argument), versions: 3, cores: 2));

        Assert.That(error!.Message, Does.StartWith($"{argument} is not valid: expected a whole number from 1 to 32"));
        Assert.That(error.Message, Does.Contain("e.g. --parallel=2"));
    }
}
