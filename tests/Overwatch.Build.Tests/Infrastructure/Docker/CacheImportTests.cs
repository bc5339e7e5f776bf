using NUnit.Framework;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Infrastructure.Docker;

/// <summary>A --cache-from image BuildKit could not read (only a warning in its output) is found and said in one line.</summary>
public sealed class CacheImportTests
{
    [Test]
    public void An_unreachable_registry_is_a_warning_naming_the_image_and_the_cause()
    {
        var failures = CacheImport.Failures(File.ReadAllLines(Path.Combine(RepoPaths.Fixtures, "BuildKit", "run-failed.engine26.txt")));

        Assert.That(failures.Select(f => f.Line), Is.EqualTo(new[]
        {
            "Warning: BuildKit could not read the layer cache of 127.0.0.1:9/owb/none:latest (failed to do request: Head \"https://127.0.0.1:9/v2/owb/none/manifests/latest\": " +
            "dial tcp 127.0.0.1:9: connect: connection refused); every step runs again.",
        }));
    }

    [TestCase("127.0.0.1:52803/x/none:latest: not found", "No layer cache in 127.0.0.1:52803/x/none:latest to reuse (not in the registry); every step runs.")]
    [TestCase("unexpected status from HEAD request to http://127.0.0.1:51563/v2/exp/app/manifests/latest: 401 Unauthorized",
        "Warning: BuildKit could not read the layer cache of 127.0.0.1:52803/x/none:latest (unexpected status from HEAD request to http://127.0.0.1:51563/v2/exp/app/manifests/latest: 401 Unauthorized); every step runs again.")]
    public void A_missing_image_is_a_first_build_and_a_refusal_a_warning(string cause, string line)
    {
        string[] output =
        [
            "#3 importing cache manifest from 127.0.0.1:52803/x/none:latest",
            "#4 [1/2] FROM 127.0.0.1:5000/ns/overwatch-base:py3.6.7",
            "#3 ERROR: failed to configure registry cache importer: " + cause,
            "#4 DONE 0.1s",
        ];

        Assert.That(CacheImport.Failures(output).Single().Line, Is.EqualTo(line));
    }

    [Test]
    public void An_imported_cache_and_a_failed_step_are_no_cache_failures()
    {
        string[] output =
        [
            "#3 importing cache manifest from r/ns/overwatch:latest-py3.6.7",
            "#3 DONE 0.2s",
            "#7 [2/3] RUN make",
            "#7 ERROR: process \"/bin/sh -c make\" did not complete successfully: exit code: 2",
        ];

        Assert.That(CacheImport.Failures(output), Is.Empty);
    }
}
