using Overwatch.Build.Images.Refs;
using Overwatch.Build.Images;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Images.Plan;

/// <summary>
/// Everything the image pipeline reads, gathered in one place: the images file with argument overrides applied,
/// the detected ref, the credentials and the image creation time.
/// </summary>
public sealed record ImageInputs(ImagesConfig Images, BuildSource Source, Credentials? Credentials, DateTimeOffset Created)
{
    /// <summary>What builds the base image (its Dockerfile and the context files it copies), hashed into its tag.</summary>
    public ImageRecipe BaseRecipe { get; init; } = ImageRecipe.Empty;

    public static ImageInputs Read(ArgumentSet arguments, EnvironmentVariables env, ILocalGit git, string rootDirectory, DateTimeOffset now)
    {
        var imagesPath = Path.GetFullPath(arguments.GetOrDefault(BuildArguments.ImagesConfig), rootDirectory);
        var images = ImagesConfigLoader.Load(imagesPath);

        var pythons = arguments.Get(BuildArguments.PythonVersion).Select(v => PythonVersion.Parse(v, "--python-version")).ToList();
        images = images with
        {
            Registry = arguments.Get(BuildArguments.Registry) is { } registry ? ImageNames.Registry(registry, "--registry") : images.Registry,
            Namespace = arguments.Get(BuildArguments.ImageNamespace) is { } space ? ImageNames.Namespace(space, "--image-namespace") : images.Namespace,
            PythonVersions = pythons.Count > 0 ? pythons.Distinct().ToList() : images.PythonVersions,
        };
        if (images.PythonVersions.Count == 0)
            throw new UsageException($"no Python versions to build: list pythonVersions in {imagesPath} or pass --python-version=X.Y.Z");

        var source = RefDetector.Detect(arguments.Get(BuildArguments.Branch), arguments.Get(BuildArguments.Tag), env, git);
        var credentials = env["DOCKER_USERNAME"] is { } user && env["DOCKER_PASSWORD"] is { } password ? new Credentials(user, password) : null;
        return new ImageInputs(images, source, credentials, CreationTime(env, git, now)) { BaseRecipe = ImageRecipeReader.Read(images.Base) };
    }

    // The commit time rather than the wall clock keeps the label, and so the layer cache, stable across
    // rebuilds of one commit; SOURCE_DATE_EPOCH (the reproducible-builds convention) overrides both.
    private static DateTimeOffset CreationTime(EnvironmentVariables env, ILocalGit git, DateTimeOffset now)
    {
        if (env["SOURCE_DATE_EPOCH"] is { } epoch)
            // Up to the year 9999, the last one a label's date can hold.
            return long.TryParse(epoch, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                && seconds <= 253_402_300_799
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : throw new UsageException($"SOURCE_DATE_EPOCH '{epoch}' is not a number of seconds since 1970 up to 253402300799 (year 9999): unset it or use e.g. $(git log -1 --format=%ct)");
        return git.HeadCommitTime() ?? now;
    }
}
