using NUnit.Framework;
using Overwatch.Build.Deploy;
using Overwatch.Build.Deploy.Rendering;

namespace Overwatch.Build.Tests.Deploy;

/// <summary>supervisord splits a command shell-style: paths inside commands must survive spaces.</summary>
public class SupervisorProgramsTests
{
    [Test]
    public void Config_paths_with_spaces_are_quoted_in_commands()
    {
        var config = DeployConfigLoader.Load("""
            supervisor: true
            executables:
                zodb: {enabled: true, address: 127.0.0.1, port: 2345, databasePath: data/overwatch.fs}
                webApp:
                    enabled: true
                    additionalOptions: {databaseLocation: "zeo://127.0.0.1:2345"}
                    uwsgi: {enabled: true, module: overwatch.webApp.run, http-socket: ":8850"}
            """, new Dictionary<string, string?>());

        var programs = SupervisorPrograms.For(config, new RenderSettings("/srv/my overwatch", "exec"));

        Assert.That(programs.Single(p => p.Name == "zodb").Command, Is.EqualTo("runzeo -C \"/srv/my overwatch/exec/config/database.conf\""));
        Assert.That(programs.Single(p => p.Name == "webApp").Command, Is.EqualTo("uwsgi --yaml \"/srv/my overwatch/exec/config/webApp_uwsgi.yaml\""));
    }
}
