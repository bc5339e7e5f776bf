using NUnit.Framework;
using Overwatch.Build.Infrastructure.Processes;

namespace Overwatch.Build.Tests.Infrastructure.Processes;

/// <summary>Every tool failure reads the same: what failed, the exit code, the fix, then the last lines indented.</summary>
public sealed class ProcessResultTests
{
    [Test]
    public void Failure_names_the_step_exit_code_and_fix_then_the_last_lines()
    {
        var result = new ProcessResult(3, ["starting", "boom"], "");

        var message = result.Failure("docker push of x failed", "check the credentials");

        Assert.That(message.Split(Environment.NewLine), Is.EqualTo(new[]
        {
            "docker push of x failed (exit code 3): check the credentials", "  | starting", "  | boom",
        }));
    }

    [Test]
    public void Failure_without_a_fix_has_no_colon()
    {
        var message = new ProcessResult(1, ["last"], "").Failure("supervisorctl update failed");

        Assert.That(message, Does.StartWith("supervisorctl update failed (exit code 1)" + Environment.NewLine));
    }
}
