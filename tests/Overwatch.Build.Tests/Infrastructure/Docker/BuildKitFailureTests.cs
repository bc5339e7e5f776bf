using NUnit.Framework;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Infrastructure.Docker;

/// <summary>
/// The failed step of a BuildKit build, read from output recorded on the CI engines (Fixtures/BuildKit: Engine 26.1.5
/// with buildx 0.13.1, overlay2 and containerd image stores, --progress=plain, a --cache-from whose registry is down,
/// which is only a warning; Engine 20.10's legacy builder for contrast). The runner keeps a build's last 40 lines, so
/// each is read both whole and as those 40 lines.
/// </summary>
public sealed class BuildKitFailureTests
{
    private const string RunStep = """[3/4] RUN for i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo "compiling part $i"; done; echo "error: dependency pyfoo==1.2 not found" >&2; exit 3""";

    [TestCase("run-failed.engine26.txt", 0)]
    [TestCase("run-failed.engine26.txt", 40)]
    [TestCase("run-failed.engine26-containerd.txt", 0)]
    [TestCase("run-failed.engine26-containerd.txt", 40)]
    public void A_failed_RUN_is_its_step_its_exit_code_and_its_last_lines(string recording, int tail)
    {
        var failure = BuildKitFailure.Parse(Lines(recording, tail));

        Assert.That(failure, Is.Not.Null);
        Assert.That(failure!.Step, Is.EqualTo(RunStep));
        Assert.That(failure.Error, Is.EqualTo("the command exited with code 3"));
        Assert.That(failure.Lines[^1], Is.EqualTo("error: dependency pyfoo==1.2 not found"));
        Assert.That(failure.Lines[^2], Is.EqualTo("compiling part 12"));
        Assert.That(failure.Lines, Has.None.Contains("importing cache manifest"), "the cache import's warning is not the failure");
    }

    [Test]
    public void The_report_names_what_the_step_and_the_exit_code_then_the_steps_last_lines()
    {
        var failure = BuildKitFailure.Parse(Lines("run-failed.engine26.txt", 40))!;

        var report = failure.Describe("docker build of 127.0.0.1:5000/ns/overwatch:master-py3.6.7", 1).Split(Environment.NewLine);

        Assert.That(report[0], Is.EqualTo($"docker build of 127.0.0.1:5000/ns/overwatch:master-py3.6.7 failed (exit code 1) at step {RunStep}: the command exited with code 3"));
        Assert.That(report[1..], Is.EqualTo(new[]
        {
            "  | compiling part 4", "  | compiling part 5", "  | compiling part 6", "  | compiling part 7", "  | compiling part 8",
            "  | compiling part 9", "  | compiling part 10", "  | compiling part 11", "  | compiling part 12", "  | error: dependency pyfoo==1.2 not found",
        }));
    }

    [Test]
    public void A_COPY_of_a_missing_file_is_its_step_and_the_file_not_found()
    {
        var failure = BuildKitFailure.Parse(Lines("copy-missing.engine26.txt", 40))!;

        Assert.That(failure.Step, Is.EqualTo("[2/2] COPY missing.txt /missing.txt"));
        Assert.That(failure.Error, Does.StartWith("failed to compute cache key: ").And.EndWith("\"/missing.txt\": not found"));
        Assert.That(failure.Lines, Is.Empty);
    }

    [Test]
    public void A_Dockerfile_syntax_error_is_no_step_and_says_the_line()
    {
        var failure = BuildKitFailure.Parse(Lines("syntax-error.engine26.txt", 40))!;

        Assert.That(failure.Step, Is.Null);
        Assert.That(failure.Error, Is.EqualTo("dockerfile parse error on line 2: unknown instruction: RUNX (did you mean RUN?)"));
        Assert.That(failure.Describe("docker build of x", 1), Is.EqualTo("docker build of x failed (exit code 1): dockerfile parse error on line 2: unknown instruction: RUNX (did you mean RUN?)"));
    }

    [Test]
    public void Legacy_builder_output_is_not_read_as_BuildKit_s() =>
        Assert.That(BuildKitFailure.Parse(Lines("run-failed.legacy.txt", 40)), Is.Null);

    [Test]
    public void Steps_running_side_by_side_are_told_apart_by_their_numbers()
    {
        string[] output =
        [
            "#5 [deps 1/2] RUN make deps",
            "#6 [app 1/2] COPY . /src",
            "#5 1.100 building dependency a",
            "#6 DONE 0.1s",
            "#7 [app 2/2] RUN make test",
            "#7 0.500 test 1 ok",
            "#5 1.200 cc: error: missing header",
            "#7 0.600 test 2 ok",
            "#5 ERROR: process \"/bin/sh -c make deps\" did not complete successfully: exit code: 2",
            "#7 CANCELED",
            "ERROR: failed to solve: process \"/bin/sh -c make deps\" did not complete successfully: exit code: 2",
        ];

        var failure = BuildKitFailure.Parse(output)!;

        Assert.That(failure.Step, Is.EqualTo("[deps 1/2] RUN make deps"));
        Assert.That(failure.Lines, Is.EqualTo(new[] { "building dependency a", "cc: error: missing header" }));
        Assert.That(failure.Error, Is.EqualTo("the command exited with code 2"));
    }

    private static IReadOnlyList<string> Lines(string recording, int tail)
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Fixtures, "BuildKit", recording));
        return tail == 0 ? lines : lines.TakeLast(tail).ToList();
    }
}
