namespace Overwatch.Build.Inputs;

/// <summary>
/// One command-line argument, declared once in <see cref="BuildArguments"/>: the parser, the unknown-argument
/// check and the README's argument table all come from it. Its subtype says how it is read.
/// </summary>
/// <param name="Default">What holds when the argument is absent, as the README shows it.</param>
public abstract record Argument(string Name, string Help, string? Default, IReadOnlyList<string> Targets)
{
    /// <summary>How it is written on the command line, e.g. <c>--registry=HOST[:PORT]</c>.</summary>
    public abstract string Usage { get; }
}

/// <summary>An argument with one value; the last one given wins.</summary>
/// <param name="DefaultValue">The value used when the argument is absent, when there is one: the code reads it from here.</param>
public sealed record ValueArgument(string Name, string Placeholder, string Help, string? DefaultValue, IReadOnlyList<string> Targets, string? DefaultNote = null)
    : Argument(Name, Help, DefaultValue is null ? DefaultNote : $"`{DefaultValue}`" + (DefaultNote is null ? "" : " " + DefaultNote), Targets)
{
    public override string Usage => $"--{Name}={Placeholder}";
}

/// <summary>An argument that may be repeated; every value is kept, in order.</summary>
public sealed record ListArgument(string Name, string Placeholder, string Help, string? Default, IReadOnlyList<string> Targets)
    : Argument(Name, Help, Default, Targets)
{
    public override string Usage => $"--{Name}={Placeholder}";
}

/// <summary>A switch: <c>--name</c>, <c>--name=true</c> or <c>--name=false</c>.</summary>
public sealed record SwitchArgument(string Name, string Help, IReadOnlyList<string> Targets)
    : Argument(Name, Help, null, Targets)
{
    public override string Usage => $"--{Name}";
}
