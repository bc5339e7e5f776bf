using CliWrap;
using CliWrap.Buffered;

namespace Overwatch.Build.Tests.Infra;

/// <summary>Runs a program to completion and captures its output (tests only).</summary>
public static class Shell
{
    public static CommandResult Run(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null, string? input = null)
    {
        var command = Cli.Wrap(program).WithArguments(arguments).WithValidation(CommandResultValidation.None)
            .WithEnvironmentVariables(environment ?? new Dictionary<string, string?>());
        if (workingDirectory is not null) command = command.WithWorkingDirectory(workingDirectory);
        if (input is not null) command = command.WithStandardInputPipe(PipeSource.FromString(input));
        var result = command.ExecuteBufferedAsync().GetAwaiter().GetResult();
        return new CommandResult(result.ExitCode, result.StandardOutput, result.StandardError);
    }

    public static CommandResult Run(string program, params string[] arguments) => Run(program, (IEnumerable<string>)arguments);
}
