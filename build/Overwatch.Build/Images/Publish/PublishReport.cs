using Overwatch.Build.Infrastructure.Files;
using Overwatch.Build.Infrastructure.Processes;

namespace Overwatch.Build.Images.Publish;

/// <summary>
/// The publish record of an image run, written when the run ends, also after a failure: artifacts/publish.json
/// (whole or not at all), the summary table in the log, and the Markdown table appended to $GITHUB_STEP_SUMMARY
/// when GitHub Actions sets it.
/// </summary>
public sealed class PublishReport(PublishRecorder recorder, string path, string? stepSummary, string? pushNotRun, Action<string> log, Func<string, string> display)
{
    public const string FileName = "publish.json";
    public const string StepSummaryVariable = "GITHUB_STEP_SUMMARY";

    public PublishRecorder Recorder { get; } = recorder;

    /// <summary>Teardown: the record of how the run ended, an interrupt included.</summary>
    /// <param name="failure">What ended the run, or null when it succeeded.</param>
    public void WriteAtEnd(Exception? failure)
    {
        var ended = failure ?? (Interrupts.Interrupted ? new OperationCanceledException("the run was interrupted") : null);
        // Held so an interrupt's forced exit never lands while the record is being swapped into place.
        lock (Interrupts.CriticalSection) Write(ended);
    }

    /// <param name="failure">What ended the run, or null when it succeeded.</param>
    public void Write(Exception? failure)
    {
        var unsettled = failure is not null
            ? "not pushed: the run failed first (" + failure.Message.Split('\n')[0].TrimEnd('\r') + ")"
            : pushNotRun ?? "not pushed";
        var record = Recorder.Snapshot(failure is null, unsettled);
        StagedOutput.WriteFile(path, PublishRecordJson.Serialize(record));
        log(PublishSummary.Text(record));
        log($"Wrote {display(path)}");
        if (stepSummary is not null) File.AppendAllText(stepSummary, PublishSummary.Markdown(record) + "\n");
    }
}
