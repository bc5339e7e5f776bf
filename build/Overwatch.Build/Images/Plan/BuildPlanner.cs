using System.Globalization;
using Overwatch.Build.Inputs;
using Overwatch.Build.Images.Tags;

namespace Overwatch.Build.Images.Plan;

/// <summary>Computes the build plan from the inputs: pure, so every row of the tag policy can be tested.</summary>
public static class BuildPlanner
{
    public static BuildPlan Create(ImageInputs inputs)
    {
        var images = inputs.Images;
        var decision = TagPolicy.Decide(inputs.Source.Ref);
        var labels = new SortedList<string, string>(StringComparer.Ordinal)
        {
            ["org.opencontainers.image.created"] = inputs.Created.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["org.opencontainers.image.revision"] = inputs.Source.Revision ?? "unknown",
            ["org.opencontainers.image.source"] = images.Source,
            // The ref's own name: 'master' rather than 'latest', the full version of a release.
            ["org.opencontainers.image.version"] = decision.Stems.FirstOrDefault(stem => stem != "latest") ?? decision.Stems[0],
        };

        var plans = images.PythonVersions.Select(python =>
        {
            var tags = TagPolicy.TagsFor(decision, python);
            var baseReference = $"{images.Repository(images.Base)}:{python.TagSuffix}";
            var baseInputs = BaseInputs.Hash(inputs.BaseRecipe, ImagePlan.BaseBuildArgsOf(python));
            var currentBase = $"{images.Repository(images.Base)}:{BaseInputs.Tag(python, baseInputs)}";
            var repository = images.Repository(images.App);
            string Reference(string stem) => $"{repository}:{DockerTag.Create(stem, python)}";
            return new ImagePlan(
                python,
                baseReference,
                tags,
                tags.Select(tag => $"{repository}:{tag}").ToList(),
                new SortedList<string, string>(StringComparer.Ordinal)
                {
                    ["BASE_IMAGE"] = currentBase,
                    ["OVERWATCH_COMMIT"] = inputs.Source.Revision ?? "unknown",
                    ["PYTHON_VERSION"] = python.ToString(),
                },
                labels)
            {
                CurrentBase = currentBase,
                BaseInputs = baseInputs,
                PushOrder = decision.PushOrder.Select(Reference).Distinct().ToList(),
                ImmutableReference = decision.ImmutableStem is { } stem ? Reference(stem) : null,
            };
        }).ToList();

        return new BuildPlan(inputs.Source.Ref, decision.Publish, decision.Reason, images.Registry, images.Base, images.App, plans)
        {
            Commit = inputs.Source.Revision,
            Smoke = images.Smoke,
        };
    }
}
