namespace Overwatch.Build.Infrastructure.Processes;

public sealed class ProgramNotFoundException(string program)
    : Exception($"'{program}' is not installed or not on PATH")
{
    public string Program { get; } = program;
}
