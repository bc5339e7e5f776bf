using Overwatch.Build.Deploy.Model;

namespace Overwatch.Build.Deploy.Secrets;

/// <summary>
/// A secret's value and where it goes. <see cref="ToString"/> hides the value so it cannot reach a log by accident.
/// </summary>
public sealed class Secret(SecretSpec spec, string value)
{
    public SecretSpec Spec => spec;

    /// <summary>The absolute file the secret is written to.</summary>
    public string Path { get; init; } = spec.WriteLocation;

    internal string Value => value;

    public override string ToString() => $"{spec.Kind} from ${spec.VariableName} -> {Path}";
}
