using NUnit.Framework;
using Overwatch.Build.Inputs;
using Overwatch.Build.Infrastructure.Processes;
using Overwatch.Build.Containers;

namespace Overwatch.Build.Tests.Containers;

/// <summary>Which compose tool is used and the exact commands it gets.</summary>
public sealed class ComposeToolTests
{
    [Test]
    public void The_docker_compose_plugin_is_preferred_when_it_answers()
    {
        var tool = ComposeTool.Find(new FakeRunner(installed: ["docker compose", "docker-compose"]));

        Assert.That(tool.Name, Is.EqualTo("docker compose"));
        Assert.That(tool.Up("/x/docker-compose.yml").Arguments, Is.EqualTo(new[] { "compose", "--file", "/x/docker-compose.yml", "up", "--detach" }));
    }

    [Test]
    public void The_standalone_docker_compose_is_used_otherwise()
    {
        var tool = ComposeTool.Find(new FakeRunner(installed: ["docker-compose"]));

        Assert.That(tool.Name, Is.EqualTo("docker-compose"));
        var config = tool.Config("/x/c.yml");
        Assert.That(config.Program, Is.EqualTo("docker-compose"));
        Assert.That(config.Arguments, Is.EqualTo(new[] { "--file", "/x/c.yml", "config", "--quiet" }));
    }

    [Test]
    public void A_named_project_is_given_to_every_command_and_down_removes_orphans()
    {
        var tool = ComposeTool.Find(new FakeRunner(installed: ["docker-compose"])).ForProject("overwatch-0123456789");

        Assert.Multiple(() =>
        {
            Assert.That(tool.Up("/x/c.yml").Arguments, Is.EqualTo(new[] { "--project-name", "overwatch-0123456789", "--file", "/x/c.yml", "up", "--detach" }));
            Assert.That(tool.Down("/x/c.yml").Arguments, Is.EqualTo(new[] { "--project-name", "overwatch-0123456789", "--file", "/x/c.yml", "down", "--remove-orphans" }));
            Assert.That(tool.ContainerOf("/x/c.yml", "web").Arguments, Is.EqualTo(new[] { "--project-name", "overwatch-0123456789", "--file", "/x/c.yml", "ps", "--quiet", "web" }));
            Assert.That(tool.Logs("/x/c.yml", "web", 30).Arguments,
                Is.EqualTo(new[] { "--project-name", "overwatch-0123456789", "--file", "/x/c.yml", "logs", "--no-color", "--tail", "30", "web" }));
        });
    }

    [Test]
    public void No_compose_tool_is_one_clear_line()
    {
        var error = Assert.Throws<UsageException>(() => ComposeTool.Find(new FakeRunner(installed: [])));

        Assert.That(error!.Message, Does.Contain("no compose tool is installed").And.Contain("apt-get install docker-compose"));
    }

    /// <summary>Answers "version" for the tools it is told are installed; the others are missing programs.</summary>
    private sealed class FakeRunner(string[] installed) : IProcessRunner
    {
        public ProcessResult Run(ProcessSpec spec, Action<string>? stream = null)
        {
            var tool = spec.Program == "docker" ? "docker " + spec.Arguments[0] : spec.Program;
            if (spec.Program == "docker-compose" && !installed.Contains(tool)) throw new ProgramNotFoundException(spec.Program);
            return new ProcessResult(installed.Contains(tool) ? 0 : 1, [], "");
        }

        public int RunAttached(ProcessSpec spec) => throw new NotSupportedException();
    }
}
