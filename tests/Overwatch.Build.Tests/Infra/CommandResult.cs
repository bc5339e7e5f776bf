namespace Overwatch.Build.Tests.Infra;

public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError)
{
    public string AllOutput => StandardOutput + "\n" + StandardError;

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
