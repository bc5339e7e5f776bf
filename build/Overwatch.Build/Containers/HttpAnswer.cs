namespace Overwatch.Build.Containers;

/// <summary>What a request through the container's nginx got: a status, or no answer and why.</summary>
public sealed record HttpAnswer(int? Status, string Detail)
{
    public static HttpAnswer None(string why) => new(null, why);

    public override string ToString() => Status is { } status ? $"{status} {Detail}".Trim() : $"no answer ({Detail})";
}
