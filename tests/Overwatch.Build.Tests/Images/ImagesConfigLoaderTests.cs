using NUnit.Framework;
using Overwatch.Build.Images;
using Overwatch.Build.Inputs;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Images;

/// <summary>docker/images.yaml: what a valid file gives, and one clear message for each way it can be wrong.</summary>
public sealed class ImagesConfigLoaderTests
{
    public const string Valid = """
        registry: docker.io
        namespace: rehlers
        source: https://github.com/raymondEhlers/OVERWATCH
        pythonVersions: [2.7.15, 3.6.7, 3.7.1]
        base:
          name: overwatch-base
          dockerfile: Dockerfile.build
          context: .
        app:
          name: overwatch
          dockerfile: Dockerfile
          context: ..
        """;

    private TempDirectory directory = null!;

    [SetUp]
    public void CreateDirectory() => directory = new TempDirectory("owb-images");

    [TearDown]
    public void RemoveDirectory() => directory.Dispose();

    [Test]
    public void The_app_image_names_the_folder_that_receives_the_source_and_the_fixtures_need_none()
    {
        var withSource = ImagesConfigLoader.Load(Write("a/images.yaml", Valid + "\n  sourceTree: overwatch-src\n"));
        var without = ImagesConfigLoader.Load(Write("b/images.yaml", Valid));

        Assert.That(withSource.App.SourceTree, Is.EqualTo("overwatch-src"));
        Assert.That(withSource.Base.SourceTree, Is.Null);
        Assert.That(without.App.SourceTree, Is.Null);
    }

    [TestCase("../src")]
    [TestCase("/abs")]
    [TestCase("a/b")]
    public void A_source_tree_that_is_not_one_folder_name_is_one_clear_line(string value)
    {
        var path = Write("docker/images.yaml", Valid + $"\n  sourceTree: \"{value}\"\n");

        var error = Assert.Throws<UsageException>(() => ImagesConfigLoader.Load(path));

        Assert.That(error!.Message, Is.EqualTo($"images file '{path}': app.sourceTree '{value}' is not a folder name: use e.g. overwatch-src (a folder of the build context, no '/')"));
    }

    [Test]
    public void The_shipped_images_file_builds_the_app_from_the_source_of_the_commit()
    {
        Assert.That(ImagesConfigLoader.Load(Path.Combine(RepoPaths.Root, "docker", "images.yaml")).App.SourceTree, Is.EqualTo("overwatch-src"));
    }

    [Test]
    public void Valid_file_gives_values_with_paths_relative_to_the_file()
    {
        var path = Write("docker/images.yaml", Valid);

        var config = ImagesConfigLoader.Load(path);

        Assert.Multiple(() =>
        {
            Assert.That(config.Registry, Is.EqualTo("docker.io"));
            Assert.That(config.Namespace, Is.EqualTo("rehlers"));
            Assert.That(config.Source, Is.EqualTo("https://github.com/raymondEhlers/OVERWATCH"));
            Assert.That(config.PythonVersions.Select(v => v.ToString()), Is.EqualTo(new[] { "2.7.15", "3.6.7", "3.7.1" }));
            Assert.That(config.Base, Is.EqualTo(new ImageSpec("overwatch-base", directory.Combine("docker", "Dockerfile.build"), directory.Combine("docker"))));
            Assert.That(config.App, Is.EqualTo(new ImageSpec("overwatch", directory.Combine("docker", "Dockerfile"), directory.Path)));
            Assert.That(config.Repository(config.App), Is.EqualTo("docker.io/rehlers/overwatch"));
        });
    }

    [Test]
    public void Checked_in_images_file_loads()
    {
        var checkedIn = Path.Combine(RepoPaths.Root, "docker", "images.yaml");

        var config = ImagesConfigLoader.Load(checkedIn);

        Assert.That(config.PythonVersions, Is.Not.Empty);
        Assert.That(config.Base.Name, Is.EqualTo("overwatch-base"));
    }

    [Test]
    public void Omitted_namespace_and_context_default_to_empty_and_the_file_directory()
    {
        var path = Write("images.yaml", Valid.Replace("namespace: rehlers\n", "").Replace("  context: ..\n", "").Replace("  context: ..", ""));

        var config = ImagesConfigLoader.Load(path);

        Assert.That(config.Namespace, Is.Empty);
        Assert.That(config.App.Context, Is.EqualTo(directory.Path));
        Assert.That(config.Repository(config.App), Is.EqualTo("docker.io/overwatch"));
    }

    [TestCase("Dockerfile.build", "base.dockerfile: {0}/Dockerfile.build does not exist")]
    [TestCase("Dockerfile", "app.dockerfile: {0}/Dockerfile does not exist")]
    public void A_copied_file_whose_Dockerfile_does_not_resolve_is_one_line_naming_file_key_and_path(string removed, string problem)
    {
        var path = Write("copy/images.yaml", Valid);
        File.Delete(directory.Combine("copy", removed));

        var error = Assert.Throws<UsageException>(() => ImagesConfigLoader.Load(path));

        var folder = directory.Combine("copy");
        Assert.That(error!.Message, Is.EqualTo($"images file '{path}': {string.Format(problem, folder)} (paths are relative to the images file's folder {folder}): " +
            "correct the path, or keep the images file beside its Dockerfiles"));
    }

    [Test]
    public void A_build_context_that_is_not_a_directory_is_refused_naming_the_key()
    {
        var path = Write("copy/images.yaml", Valid.Replace("context: ..", "context: ../app-context"));

        var error = Assert.Throws<UsageException>(() => ImagesConfigLoader.Load(path));

        Assert.That(error!.Message, Does.StartWith($"images file '{path}': app.context: {directory.Combine("app-context")} is not a directory"));
        Assert.That(error.Message.Split('\n'), Has.Length.EqualTo(1));
    }

    [Test]
    public void Missing_file_names_the_path_and_the_argument()
    {
        var path = directory.Combine("nope.yaml");

        var error = Assert.Throws<UsageException>(() => ImagesConfigLoader.Load(path));

        Assert.That(error!.Message, Does.Contain($"'{path}' does not exist").And.Contain("--images-config=PATH"));
    }

    [TestCase("registry: [docker.io\n", "line")]
    [TestCase("registry: docker.io\n  namespace: x\n", "line 2")]
    [TestCase("- just\n- a list\n", "line 1")]
    public void Invalid_yaml_names_the_file_and_the_line(string yaml, string where)
    {
        var error = Assert.Throws<UsageException>(() => ImagesConfigLoader.Parse(yaml, "docker/images.yaml"));

        Assert.That(error!.Message, Does.StartWith("images file 'docker/images.yaml' is invalid at ").And.Contain(where));
    }

    [Test]
    public void Unknown_key_names_the_file_the_line_and_the_key()
    {
        var yaml = Valid.Replace("namespace: rehlers", "namespcae: rehlers");

        var error = Assert.Throws<UsageException>(() => ImagesConfigLoader.Parse(yaml, "docker/images.yaml"));

        Assert.That(error!.Message, Does.Contain("'docker/images.yaml'").And.Contain("line 2").And.Contain("namespcae"));
    }

    [TestCase("")]
    [TestCase("# only a comment\n")]
    public void Empty_file_is_a_usage_error(string yaml)
    {
        var error = Assert.Throws<UsageException>(() => ImagesConfigLoader.Parse(yaml, "docker/images.yaml"));

        Assert.That(error!.Message, Does.Contain("'docker/images.yaml' is empty"));
    }

    [TestCase("base")]
    [TestCase("app")]
    public void Missing_section_says_what_to_add(string section)
    {
        var yaml = RemoveSection(Valid, section);

        var error = Assert.Throws<UsageException>(() => ImagesConfigLoader.Parse(yaml, "docker/images.yaml"));

        Assert.That(error!.Message, Does.Contain($"has no '{section}' section").And.Contain($"add {section}: {{name, dockerfile, context}}"));
    }

    [TestCase("registry: docker.io\n", "", "registry")]
    [TestCase("  name: overwatch-base\n", "", "base.name")]
    [TestCase("  dockerfile: Dockerfile\n", "", "app.dockerfile")]
    public void Missing_key_names_it(string line, string replacement, string key)
    {
        var yaml = (Valid + "\n").Replace(line, replacement);

        var error = Assert.Throws<UsageException>(() => ImagesConfigLoader.Parse(yaml, "docker/images.yaml"));

        Assert.That(error!.Message, Is.EqualTo($"images file 'docker/images.yaml' is missing '{key}': add it"));
    }

    [TestCase("name: overwatch\n", "name: Overwatch\n", "invalid image name 'Overwatch'", "(app.name)")]
    [TestCase("name: overwatch\n", "name: \"overwatch\\n\"\n", "invalid image name 'overwatch\n'", "(app.name)")]
    [TestCase("name: overwatch-base\n", "name: overwatch base\n", "invalid image name 'overwatch base'", "(base.name)")]
    [TestCase("namespace: rehlers", "namespace: Rehlers", "invalid image namespace 'Rehlers'", "(namespace)")]
    [TestCase("registry: docker.io", "registry: https://docker.io", "invalid registry 'https://docker.io'", "(registry)")]
    [TestCase("[2.7.15, 3.6.7, 3.7.1]", "[2.7.15, 3.6]", "invalid Python version '3.6'", "(pythonVersions)")]
    public void Invalid_value_names_the_file_and_key_and_what_is_valid(string from, string to, string what, string key)
    {
        var yaml = (Valid + "\n").Replace(from, to);

        var error = Assert.Throws<UsageException>(() => ImagesConfigLoader.Parse(yaml, "docker/images.yaml"));

        Assert.That(error!.Message, Does.Contain(what).And.Contain($"docker/images.yaml {key}").And.Contain("expected"));
    }

    [TestCase("registry: [a]\n", "at line 1: registry: expected a single value (text), not a map or a list")]
    [TestCase("registry: r\npythonVersions: 3\n", "at line 2: pythonVersions: expected a list of Python versions")]
    [TestCase("registry: r\nbase: x\n", "at line 2: base: expected a map of options, got 'x'")]
    [TestCase("registry: r\nbase:\n  name: [1]\n", "at line 3: base.name: expected a single value (text)")]
    [TestCase("registry: r\nbase:\n  nmae: x\n", "at line 3: base.nmae: unknown option 'nmae'; valid here: name, dockerfile, context")]
    [TestCase("registry: !foo r\n", "at line 1: registry: unknown YAML tag '!foo'")]
    [TestCase("a: &a\n  <<: *a\n", "at line 2: the alias '*a' is inside the node anchored '&a' (an alias cycle)")]
    public void Wrong_shapes_are_named_by_key_never_by_dotnet_type(string yaml, string expected)
    {
        var error = Assert.Throws<UsageException>(() => ImagesConfigLoader.Parse(yaml, "docker/images.yaml"));

        Assert.That(error!.Message, Does.StartWith("images file 'docker/images.yaml' is invalid ").And.Contain(expected));
        Assert.That(error.Message, Does.Not.Contain("System.").And.Not.Contain("`1").And.Not.Contain("Overwatch.Build"));
    }

    private string Write(string relative, string text) => WriteWithDockerfiles(directory.Combine(relative.Split('/')), text);

    /// <summary>Writes an images file like <see cref="Valid"/> with the Dockerfiles it names beside it.</summary>
    public static string WriteWithDockerfiles(string path, string text = Valid)
    {
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        File.WriteAllText(path, text);
        foreach (var dockerfile in new[] { "Dockerfile.build", "Dockerfile" }) File.WriteAllText(Path.Combine(folder, dockerfile), "FROM scratch\n");
        return path;
    }

    private static string RemoveSection(string yaml, string section)
    {
        var lines = yaml.Split('\n').ToList();
        var start = lines.IndexOf(section + ":");
        lines.RemoveRange(start, 4);
        return string.Join('\n', lines);
    }
}
