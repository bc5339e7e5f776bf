using System.Text;
using NUnit.Framework;
using Overwatch.Build.Images.Publish;
using Overwatch.Build.Infrastructure.Docker;

namespace Overwatch.Build.Tests.Images.Publish;

/// <summary>
/// Which tags of one image docker pushes, which are made in the registry from another tag's manifest, and which are
/// left alone. Rows: what the registry holds under each tag (this image, other, absent, unknown), in push order.
/// </summary>
public sealed class PushRouteTests
{
    private const string Registry = "registry.example.com";
    private const string Master = Registry + "/ns/overwatch:master-py3.6.7";
    private const string Latest = Registry + "/ns/overwatch:latest-py3.6.7";
    private const string Release = Registry + "/ns/overwatch:1.2.3-py3.6.7";
    private const string Minor = Registry + "/ns/overwatch:1.2-py3.6.7";
    private const string Elsewhere = Registry + "/other/overwatch:latest-py3.6.7";
    private const string ThisImage = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string OtherImage = "sha256:2222222222222222222222222222222222222222222222222222222222222222";

    [TestCase("this", "this", "Held, Held", TestName = "A warm publish writes nothing")]
    [TestCase("absent", "absent", "Docker, Tag<-master", TestName = "A new version: one docker push, its other tag made from it")]
    [TestCase("other", "other", "Docker, Tag<-master", TestName = "An update of master: one docker push, latest made from it")]
    [TestCase("this", "other", "Held, Tag<-master", TestName = "A tag someone moved is put back from the one that holds the image")]
    [TestCase("other", "this", "Docker, Held", TestName = "Only the tag that does not hold the image is pushed")]
    [TestCase("unknown", "unknown", "Docker, Tag<-master", TestName = "What the registry cannot tell is pushed, its other tag still made from it")]
    [TestCase("unknown", "this", "Docker, Held", TestName = "An unknown first tag is pushed, a held second one left alone")]
    public void Own_tag_then_floating_tag(string master, string latest, string expected) =>
        Assert.That(Describe(PushRoute.For(Registry, [Master, Latest], new HashSet<string>(), Lookups((Master, master), (Latest, latest)), _ => ThisImage)),
            Is.EqualTo(expected));

    [Test]
    public void An_unchanged_release_is_the_source_of_its_minor_tag()
    {
        var steps = PushRoute.For(Registry, [Release, Minor], new HashSet<string> { Release }, Lookups((Release, "this"), (Minor, "absent")), _ => ThisImage);

        Assert.That(Describe(steps), Is.EqualTo("Unchanged, Tag<-1.2.3"));
    }

    [Test]
    public void A_tag_in_another_repository_is_pushed_with_docker_its_layers_may_be_missing_there()
    {
        var steps = PushRoute.For(Registry, [Master, Elsewhere], new HashSet<string>(), Lookups((Master, "absent"), (Elsewhere, "absent")), _ => ThisImage);

        Assert.That(Describe(steps), Is.EqualTo("Docker, Docker"));
    }

    [Test]
    public void A_tag_of_another_local_image_is_pushed_with_docker()
    {
        var steps = PushRoute.For(Registry, [Master, Latest], new HashSet<string>(), Lookups((Master, "absent"), (Latest, "absent")),
            r => r == Master ? ThisImage : OtherImage);

        Assert.That(Describe(steps), Is.EqualTo("Docker, Docker"));
    }

    [Test]
    public void A_reference_that_is_not_a_local_image_is_never_taken_for_held()
    {
        var steps = PushRoute.For(Registry, [Master, Latest], new HashSet<string>(), Lookups((Master, "this"), (Latest, "this")), _ => null);

        Assert.That(Describe(steps), Is.EqualTo("Docker, Docker"));
    }

    [Test]
    public void The_local_image_ID_is_asked_only_where_the_registry_holds_an_image_or_a_tag_could_be_made()
    {
        var asked = new List<string>();
        PushRoute.For(Registry, [Master, Elsewhere], new HashSet<string>(), Lookups((Master, "absent"), (Elsewhere, "unknown")), r =>
        {
            asked.Add(r);
            return ThisImage;
        });

        Assert.That(asked, Is.Empty);
    }

    private static Func<string, TagLookup> Lookups(params (string Reference, string Holds)[] rows) => reference =>
        rows.Single(r => r.Reference == reference).Holds switch
        {
            "this" => TagLookup.Held(Manifest(ThisImage)),
            "other" => TagLookup.Held(Manifest(OtherImage)),
            "absent" => TagLookup.Absent,
            _ => TagLookup.Unsure("registry answered 500"),
        };

    private static RegistryManifest Manifest(string imageId) => RegistryManifest.Read(Encoding.UTF8.GetBytes(
        $$"""{"schemaVersion":2,"mediaType":"{{RegistryManifest.DockerV2}}","config":{"digest":"{{imageId}}"},"layers":[]}"""),
        RegistryManifest.DockerV2, null).Manifest!;

    private static string Describe(IReadOnlyList<PushStep> steps) => string.Join(", ", steps.Select(s =>
        s.From is null ? s.Way.ToString() : $"{s.Way}<-{s.From.Split(':')[^1].Replace("-py3.6.7", "")}"));
}
