namespace Overwatch.Build.Containers;

/// <summary>Which check of the smoke test failed.</summary>
public enum SmokeCheck
{
    ProgramNotRunning,
    WebAppNotLoaded,
    HttpStatus,
    TimeOut,
}

/// <summary>Why an image failed its smoke test, as one line; <see cref="Program"/> names the program at fault when one is.</summary>
public sealed record SmokeFailure(SmokeCheck Check, string Reason, string? Program = null)
{
    public string CheckName => Check switch
    {
        SmokeCheck.ProgramNotRunning => "program not running",
        SmokeCheck.WebAppNotLoaded => "web app not loaded",
        SmokeCheck.HttpStatus => "HTTP status",
        _ => "time-out",
    };

    /// <summary>e.g. <c>smoke test of Python 3.6.7 failed: program not running: webApp is FATAL (Exited too quickly)</c>.</summary>
    public string Line(string python) => $"smoke test of Python {python} failed: {CheckName}: {Reason}";
}
