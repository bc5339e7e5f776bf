namespace Overwatch.Build.Images.Publish;

/// <summary>
/// Numbers the long steps of a target as they start, across its lanes: "[2/6] pushing X …" (the lane's prefix
/// names the version), so a log read mid-run says how far the target is.
/// </summary>
public sealed class StepProgress(int total, Action<string> log)
{
    private int started;

    public void Start(string what) => log($"[{Interlocked.Increment(ref started)}/{total}] {what} …");
}
