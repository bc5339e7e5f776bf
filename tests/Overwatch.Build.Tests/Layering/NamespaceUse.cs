namespace Overwatch.Build.Tests.Layering;

/// <summary>Code in namespace <paramref name="From"/> names <paramref name="Type"/> (or one of its members), declared in namespace <paramref name="To"/>.</summary>
public sealed record NamespaceUse(string File, int Line, string From, string To, string Type)
{
    public override string ToString() => $"{File}:{Line}: {From} uses {Type}";
}
