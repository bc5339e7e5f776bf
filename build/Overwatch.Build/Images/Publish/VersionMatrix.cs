using Overwatch.Build.Images.Plan;
using Overwatch.Build.Images.Publish;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Infrastructure.Processes;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Images.Publish;

/// <summary>
/// Runs one step per Python version, each in its lane named after the version (<c>py3.6.7</c>, which prefixes its
/// log lines), at most --parallel at once. When one version fails, the others are stopped; once all have ended, the
/// error names the failed version, what was stopped, and (when given) the account of what was pushed. The publish
/// record hears which version failed and which were stopped.
/// </summary>
public sealed class VersionMatrix(int parallel, Action<string> log, PublishRecorder? record)
{
    public int Parallel => parallel;

    /// <param name="what">The step, for the line that opens it and the publish record, e.g. "Build".</param>
    /// <param name="account">Appended to the error: what was and was not done, read once every lane has ended.</param>
    public void Run(IReadOnlyList<ImagePlan> images, string what, Action<ImagePlan> step, Func<string>? account = null)
    {
        if (images.Count > 1)
            log($"{what}: {images.Count} Python versions, {Math.Min(parallel, images.Count)} at a time (--parallel={parallel}).");
        var outcomes = LaneRunner.Run(images.Select(image => new LaneWork(image.Python.TagSuffix, () => step(image))).ToList(), parallel);
        var failed = outcomes.Where(o => o.State == LaneState.Failed).ToList();
        if (failed.Count == 0) return;

        var first = failed[0];
        foreach (var (image, outcome) in images.Zip(outcomes))
        {
            if (outcome.State == LaneState.Failed)
                record?.Settle(image.Python, ReferenceStatus.Failed, $"{what} failed: {FirstLine(outcome.Error!)}");
            else if (outcome.State is LaneState.Stopped or LaneState.NotStarted)
                record?.Settle(image.Python, ReferenceStatus.NotPushed, $"stopped: {first.Name} failed");
        }
        throw Describe(first, failed.Skip(1).ToList(), outcomes.Where(o => o.State is LaneState.Stopped or LaneState.NotStarted).ToList(), account?.Invoke());
    }

    /// <summary>"py3.6.7: docker push of ... failed: ...; fix. Pushed: ...; not pushed: .... Stopped when py3.6.7 failed: py2.7.15." then the tool's tail.</summary>
    internal static Exception Describe(LaneOutcome failure, IReadOnlyList<LaneOutcome> alsoFailed, IReadOnlyList<LaneOutcome> stopped, string? account)
    {
        var parts = failure.Error!.Message.Split('\n', 2);
        var head = $"{failure.Name}: {parts[0].TrimEnd('\r')}";
        if (!head.EndsWith('.')) head += ".";
        if (account is not null) head += " " + account;
        foreach (var other in alsoFailed) head += $" {other.Name} failed too: {FirstLine(other.Error!)}.";
        if (stopped.Count > 0) head += $" Stopped when {failure.Name} failed: {string.Join(", ", stopped.Select(s => s.Name))}.";
        var message = parts.Length > 1 ? head + "\n" + parts[1] : head;
        return failure.Error is UsageException ? new UsageException(message) : new DockerException(message);
    }

    private static string FirstLine(Exception e) => e.Message.Split('\n')[0].TrimEnd('\r');
}
