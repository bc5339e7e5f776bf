using NUnit.Framework;
using Overwatch.Build.Containers;

namespace Overwatch.Build.Tests.Containers;

/// <summary>uwsgi's signs that the web app will never load, read from a container's log (lines as uwsgi prints them).</summary>
public sealed class WebAppLoadTests
{
    [Test]
    public void Uwsgi_without_its_python_plugin_is_named_with_the_fix()
    {
        var why = WebAppLoad.Failure(["spawned uWSGI worker 1 (pid: 31, cores: 1)", "-- unavailable modifier requested: 0 --"]);

        Assert.That(why, Is.EqualTo("uwsgi runs without Python (its log says 'unavailable modifier requested: 0'): " +
            "add plugins: python3 to executables.webApp.uwsgi in the deploy YAML (a uwsgi like Debian's loads Python as a plugin)"));
    }

    [TestCase("ImportError: the web app cannot start: no module named nowhere", ": ImportError: the web app cannot start: no module named nowhere")]
    [TestCase("ModuleNotFoundError: No module named 'overwatch.webApp.missing'", ": ModuleNotFoundError: No module named 'overwatch.webApp.missing'")]
    [TestCase("overwatch-1  | ImportError: cannot import name 'app'", ": ImportError: cannot import name 'app'")]
    [TestCase("    raise", "")]
    public void An_app_that_fails_to_import_is_named_with_the_last_python_error_before_it(string line, string named)
    {
        var why = WebAppLoad.Failure([
            "Traceback (most recent call last):", "  File \"/opt/overwatch/overwatch/webApp/run.py\", line 9, in <module>", line,
            "unable to load app 0 (mountpoint='') (callable not found or import error)",
            "*** no app loaded. going in full dynamic mode ***",
            "--- no python application found, check your startup logs for errors ---",
        ]);

        Assert.That(why, Is.EqualTo("uwsgi could not import the web app ('no python application found')" + named));
    }

    [Test]
    public void A_log_without_those_signs_says_nothing()
    {
        Assert.That(WebAppLoad.Failure(["WSGI app 0 (mountpoint='') ready in 1 seconds on interpreter 0x1 pid: 12 (default app)", "GET / => generated 42 bytes"]), Is.Null);
        Assert.That(WebAppLoad.Failure([]), Is.Null);
    }
}
