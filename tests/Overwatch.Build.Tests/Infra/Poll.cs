using NUnit.Framework;

namespace Overwatch.Build.Tests.Infra;

/// <summary>Waiting for a real program: a poll that times out fails the test, naming what it waited for and what it last saw.</summary>
public static class Poll
{
    /// <returns>The first value <paramref name="probe"/> returns that <paramref name="done"/> accepts.</returns>
    /// <param name="failed">Stops waiting at once (e.g. the program exited) and says why.</param>
    public static T Until<T>(string what, Func<T> probe, Func<T, bool> done, TimeSpan timeout, Func<string?>? failed = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var last = probe();
            if (done(last)) return last;
            if (failed?.Invoke() is { } why) Assert.Fail($"{what}: {why}; last seen:{Environment.NewLine}{last}");
            if (DateTime.UtcNow >= deadline) Assert.Fail($"{what}: not reached within {timeout.TotalSeconds:0} s; last seen:{Environment.NewLine}{last}");
            Thread.Sleep(200);
        }
    }
}
