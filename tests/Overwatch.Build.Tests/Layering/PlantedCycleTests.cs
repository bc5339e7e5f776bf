using NUnit.Framework;

namespace Overwatch.Build.Tests.Layering;

/// <summary>The layering check on small planted source sets: a use of a later layer is caught with no <c>using</c> line in sight.</summary>
public sealed class PlantedCycleTests
{
    private const string Parent =
        """
        namespace Overwatch.Build.Deploy;

        public sealed record Plan(string Name, Rendering.Settings Settings);
        """;

    private static IEnumerable<TestCaseData> Plantings()
    {
        yield return new TestCaseData(
            new[]
            {
                """
                namespace Overwatch.Build.Deploy
                {
                    public sealed record Plan(Rendering.Settings Settings);
                }

                namespace Overwatch.Build.Deploy.Rendering
                {
                    public sealed record Settings(string Directory)
                    {
                        public Plan? Owner { get; init; }
                    }
                }
                """,
            },
            new[] { "Planted0.cs:10: Overwatch.Build.Deploy.Rendering uses Overwatch.Build.Deploy.Plan (layer Deploy comes after Deploy.Rendering)" })
            .SetName("A child namespace and its parent naming each other in one file");
        yield return new TestCaseData(
            new[]
            {
                Parent,
                """
                namespace Overwatch.Build.Deploy.Rendering;

                public sealed record Settings(string Directory);

                public static class Renderer
                {
                    public static string Render(Overwatch.Build.Deploy.Plan plan) => plan.Name;
                }
                """,
            },
            new[] { "Planted1.cs:7: Overwatch.Build.Deploy.Rendering uses Overwatch.Build.Deploy.Plan (layer Deploy comes after Deploy.Rendering)" })
            .SetName("A child namespace naming its parent's type fully qualified, in another file");
        yield return new TestCaseData(
            new[]
            {
                Parent,
                """
                namespace Overwatch.Build.Inputs
                {
                    public sealed record Request(Overwatch.Build.Deploy.Plan Plan);
                }

                namespace Overwatch.Build.Deploy.Rendering
                {
                    public sealed record Settings(string Directory);

                    public static class Renderer
                    {
                        public static int Length(Inputs.Request request) => request.Plan.Name.Length;
                    }
                }
                """,
            },
            new[]
            {
                "Planted1.cs:3: Overwatch.Build.Inputs uses Overwatch.Build.Deploy.Plan (layer Deploy comes after Inputs)",
                "Planted1.cs:12: Overwatch.Build.Deploy.Rendering uses Overwatch.Build.Deploy.Plan (layer Deploy comes after Deploy.Rendering)",
            })
            .SetName("A member of a later layer's type reached through a value, its type never named");
        yield return new TestCaseData(
            new[]
            {
                """
                namespace Overwatch.Build.Deploy.Model
                {
                    public sealed record DeployProblem(string Path, int? Line, string Message);
                }

                namespace Overwatch.Build.Yaml
                {
                    public static class Reader
                    {
                        public static object Refuse(string path) => new Deploy.Model.DeployProblem(path, null, "refused");
                    }
                }
                """,
            },
            new[] { "Planted0.cs:10: Overwatch.Build.Yaml uses Overwatch.Build.Deploy.Model.DeployProblem (layer Deploy.Model comes after Yaml)" })
            .SetName("The YAML reader making a deploy problem through its parent namespace");
        yield return new TestCaseData(
            new[]
            {
                Parent,
                """
                namespace Overwatch.Build.Deploy.Rendering;

                public sealed record Settings(string Directory);
                """,
            },
            Array.Empty<string>())
            .SetName("A parent namespace using its child, which comes first");
    }

    [TestCaseSource(nameof(Plantings))]
    public void Every_use_of_a_later_layer_is_reported_with_file_line_and_type(string[] planted, string[] expected)
    {
        var compilation = SourceCompilation.FromSources(planted.Select((text, i) => ($"Planted{i}.cs", text)));
        Assert.That(compilation.Errors(), Is.Empty);

        var violations = LayerOrder.Violations(compilation.Uses());

        Assert.That(violations, Is.EqualTo(expected));
    }

    [Test]
    public void A_name_that_binds_to_nothing_is_an_error_not_an_unseen_use()
    {
        var compilation = SourceCompilation.FromSources([("Planted0.cs", "namespace Overwatch.Build.Deploy.Rendering;\n\npublic sealed record Settings(Plan Plan);\n")]);

        Assert.That(compilation.Errors(), Has.Exactly(1).Contains("Planted0.cs(3,31): error CS0246: The type or namespace name 'Plan' could not be found"));
    }
}
