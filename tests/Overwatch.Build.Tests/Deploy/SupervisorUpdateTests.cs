using NUnit.Framework;
using Overwatch.Build.Deploy;

namespace Overwatch.Build.Tests.Deploy;

/// <summary>Which lines of a failed <c>supervisorctl update</c> mean that no supervisord is running, as supervisor 3 and 4 print them.</summary>
public sealed class SupervisorUpdateTests
{
    [TestCase("unix:///work/exec/sockets/supervisor.sock no such file", true)]
    [TestCase("http://127.0.0.1:9001 refused connection", true)]
    [TestCase("error: <class 'socket.error'>, [Errno 111] Connection refused: file: /usr/lib/python2.7/socket.py line: 575", true)]
    [TestCase("UNIX:///work/exec/sockets/supervisor.sock No such file", true)]
    [TestCase("error: <class 'xmlrpclib.Fault'>, <Fault 6: 'SHUTDOWN_STATE'>: file: /usr/lib/python2.7/xmlrpclib.py line: 800", false)]
    [TestCase("Error: .ini file does not include supervisorctl section", false)]
    [TestCase("ERROR (no such group)", false)]
    [TestCase("", false)]
    public void Only_a_refused_or_missing_socket_means_supervisord_is_not_running(string line, bool refused)
    {
        Assert.That(SupervisorUpdate.IsRefused(line), Is.EqualTo(refused));
    }
}
