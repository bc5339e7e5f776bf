using NUnit.Framework;
using Overwatch.Build.Deploy;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Deploy;

public class SupervisordConfCheckTests
{
    private const string Fixed = "; comment\n\n[supervisord]\nnodaemon = true\n\n[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = x\n\n[inet_http_server]\nport = 127.0.0.1:9001\n\n[supervisorctl]\nserverurl = http://127.0.0.1:9001\n";

    [Test]
    public void Every_golden_supervisord_conf_has_the_expected_shape()
    {
        var golden = Directory.GetFiles(Path.Combine(DeployFixtures.Dir, "Golden"), "supervisord.conf", SearchOption.AllDirectories);
        Assert.That(golden, Is.Not.Empty);
        foreach (var path in golden)
        {
            var text = File.ReadAllText(path);
            var programs = text.Split('\n').Where(l => l.StartsWith("[program:")).Select(l => l["[program:".Length..^1]);
            Assert.That(SupervisordConfCheck.Problem(text, programs), Is.Null, path);
        }
    }

    [TestCase("[program:web]\ncommand = a\nenvironment = ROOTSYS=\"/opt/root\"\n[program:evil]\ncommand = sh\n", "its programs would be [program:web] [program:evil] instead of [program:web]")]
    [TestCase("[program:web]\ncommand = a --select=x\ntouch /tmp/owned\n", "line 16 is not an option line ('touch /tmp/owned')")]
    public void A_value_that_changed_the_structure_is_found(string programs, string expected)
    {
        Assert.That(SupervisordConfCheck.Problem(Fixed + programs, ["web"]), Does.StartWith(expected));
    }
}
