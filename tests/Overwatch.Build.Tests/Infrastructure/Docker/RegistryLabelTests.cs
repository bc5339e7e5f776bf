using NUnit.Framework;
using Overwatch.Build.Infrastructure.Docker;
using Overwatch.Build.Inputs;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Infrastructure.Docker;

/// <summary>A label of the image a tag holds, read from a registry double: its value, none, or why it cannot be read.</summary>
[NonParallelizable]
public sealed class RegistryLabelTests
{
    private const string User = "ci-bot";
    private const string Password = "Label-pa55-never-shown-7c1d";
    private const string Name = "org.overwatch-build.inputs";

    [Test]
    public void A_label_the_image_carries_is_read_without_a_pull()
    {
        using var registry = new FakeTokenRegistry(User, Password);
        using var client = new RegistryClient(registry.Address, new Credentials(User, Password));
        RegistryImages.BuildxIndex(registry, "ns/app", "1.2.3", new Dictionary<string, string> { [Name] = "abc" });
        var reference = $"{registry.Address}/ns/app:1.2.3";

        var label = RegistryLabel.Read(client, reference, client.Manifest(reference).Manifest!, Name);

        Assert.That(label, Is.EqualTo(new RegistryLabel("abc", null)));
        Assert.That(label.Missing, Is.False);
    }

    [Test]
    public void An_image_without_the_label_is_missing_it_not_unreadable()
    {
        using var registry = new FakeTokenRegistry(User, Password);
        using var client = new RegistryClient(registry.Address, new Credentials(User, Password));
        RegistryImages.BuildxIndex(registry, "ns/app", "1.2.3");
        var reference = $"{registry.Address}/ns/app:1.2.3";

        var label = RegistryLabel.Read(client, reference, client.Manifest(reference).Manifest!, Name);

        Assert.That((label.Value, label.Unreadable, label.Missing), Is.EqualTo(((string?)null, (string?)null, true)));
    }

    [Test]
    public void A_reference_outside_the_registry_is_unreadable_and_says_why()
    {
        using var registry = new FakeTokenRegistry(User, Password);
        using var client = new RegistryClient(registry.Address, new Credentials(User, Password));
        RegistryImages.BuildxIndex(registry, "ns/app", "1.2.3");
        var manifest = client.Manifest($"{registry.Address}/ns/app:1.2.3").Manifest!;

        var label = RegistryLabel.Read(client, "elsewhere.example/ns/app:1.2.3", manifest, Name);

        Assert.That(label.Unreadable, Is.EqualTo($"not a tag in {registry.Address}"));
    }
}
