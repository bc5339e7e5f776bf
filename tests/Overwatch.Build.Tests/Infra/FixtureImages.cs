using Overwatch.Build.Images;
using Overwatch.Build.Images.Plan;

namespace Overwatch.Build.Tests.Infra;

/// <summary>
/// The fixture Dockerfiles (FROM scratch with a static busybox) copied into a temp build context,
/// with an images file pointing at them.
/// </summary>
public sealed class FixtureImages : IDisposable
{
    private readonly TempDirectory directory = new("owb-images");

    public FixtureImages()
    {
        var busybox = RequiredProgram.Find("busybox");
        foreach (var file in System.IO.Directory.GetFiles(System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "Images")))
            File.Copy(file, directory.Combine(System.IO.Path.GetFileName(file)));
        File.Copy(busybox, directory.Combine("busybox"));
        if (Shell.Run("ldd", busybox).StandardOutput.Contains("=>"))
            RequiredProgram.Unavailable($"{busybox} is dynamically linked; install busybox-static");
    }

    public string ImagesFile => directory.Combine("images.yaml");

    /// <summary>Where runs of the image targets write publish.json: never the checkout's artifacts/.</summary>
    public string ArtifactsDir => directory.Combine("artifacts");

    public string Directory => directory.Path;

    /// <summary>The tag of the fixture base of the current inputs, pyX.Y.Z-HASH, as the plan computes it.</summary>
    public string BaseTag(string python)
    {
        var recipe = ImageRecipeReader.Read(new ImageSpec("overwatch-base", directory.Combine("Dockerfile.build"), directory.Path));
        return BaseInputs.Tag(PythonVersion.Parse(python, "test"), BaseInputs.Hash(recipe, new Dictionary<string, string> { ["PYTHON_VERSION"] = python }));
    }

    public void Dispose() => directory.Dispose();
}
