using NUnit.Framework;
using Overwatch.Build.Deploy;
using Overwatch.Build.Deploy.Rendering;

namespace Overwatch.Build.Tests.Deploy;

/// <summary>The programs supervisord runs: their names, and commands that survive spaces in paths.</summary>
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

    [Test]
    public void The_receiver_monitor_keeps_the_program_name_users_know()
    {
        var config = DeployConfigLoader.Load("executables:\n    receiverMonitor: {enabled: true}\n", new Dictionary<string, string?>());

        var programs = SupervisorPrograms.For(config, new RenderSettings("/opt/overwatch", "exec"));

        Assert.That(programs.Select(p => (p.Name, p.Command)), Is.EqualTo(new[] { ("overwatchReceiverMonitor", "overwatchReceiverMonitor") }));
    }

    [Test]
    public void Nginx_runs_on_the_rendered_main_config_without_a_second_daemon_directive()
    {
        var config = DeployConfigLoader.Load("""
            executables:
                zodb: {enabled: true}
                webApp:
                    enabled: true
                    uwsgi: {enabled: true, module: overwatch.webApp.run, uwsgi-socket: "exec/sockets/{name}.sock"}
                    nginx: {enabled: true, webAppName: webApp, basePath: exec/nginx}
            """, new Dictionary<string, string?>());

        var nginx = SupervisorPrograms.For(config, new RenderSettings("/opt/overwatch", "exec")).Single(p => p.Name == "nginx");

        // The published base images append "daemon off;" to /etc/nginx/nginx.conf; -g "daemon off;" then fails as a duplicate.
        Assert.That(nginx.Command, Is.EqualTo("/usr/sbin/nginx -c /opt/overwatch/exec/config/nginx.conf"));
    }
}
