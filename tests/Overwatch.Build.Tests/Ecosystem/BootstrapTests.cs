using System.Text.Json;
using NUnit.Framework;
using Overwatch.Build.Tests.Infra;
using Overwatch.Build.Tests.Images.Refs;

namespace Overwatch.Build.Tests.Ecosystem;

/// <summary>
/// build.sh and build.ps1 behave alike: the library is rebuilt and the script cache invalidated only when
/// the library's sources change (and one script's build serves the other), errors go to stderr, and
/// every run gives the same exit code and output through either script.
/// </summary>
[TestFixture, Category("EndToEnd"), NonParallelizable]
public sealed class BootstrapTests
{
    private static readonly string[] PlanArguments = ["--target=Plan", "--python-version=3.6.7"];
    private BootstrapCheckout checkout = null!;

    [OneTimeSetUp]
    public void CopyTheBootstrap()
    {
        _ = BootstrapCheckout.PowerShell; // fails in CI, is inconclusive elsewhere, when pwsh is missing
        checkout = new BootstrapCheckout();
        var warm = checkout.Run("build.sh", PlanArguments);
        Assert.That(warm.ExitCode, Is.EqualTo(0), warm.ToString());
    }

    [OneTimeTearDown]
    public void RemoveTheCopy() => checkout?.Dispose();

    [TestCase("build.sh")]
    [TestCase("build.ps1")]
    public void UnchangedSources_NeitherRebuildTheLibrary_NorRecompileTheScript(string script)
    {
        var (stamp, compiled) = (checkout.LibraryStamp, checkout.ScriptCompiledAt());

        var result = checkout.Run(script, PlanArguments);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
            Assert.That(result.StandardError, Is.Empty);
            Assert.That(checkout.LibraryStamp, Is.EqualTo(stamp));
            Assert.That(checkout.ScriptCompiledAt(), Is.EqualTo(compiled), "the script cache was invalidated");
        });
    }

    // One direction is enough: build.sh accepting the stamp build.ps1 wrote shows both compute the same one.
    [TestCase("build.ps1", "build.sh")]
    public void ChangedSource_IsRebuiltOnce_AndTheOtherScriptUsesThatBuild(string rebuilding, string other)
    {
        var (stamp, compiled) = (checkout.LibraryStamp, checkout.ScriptCompiledAt());
        File.AppendAllText(checkout.Combine("build", "Overwatch.Build", "Inputs", "TargetNames.cs"), $"\n// changed by {rebuilding} test\n");

        var rebuilt = checkout.Run(rebuilding, PlanArguments);
        var (newStamp, recompiled) = (checkout.LibraryStamp, checkout.ScriptCompiledAt());
        var reused = checkout.Run(other, PlanArguments);

        Assert.Multiple(() =>
        {
            Assert.That(rebuilt.ExitCode, Is.EqualTo(0), rebuilt.ToString());
            Assert.That(rebuilt.StandardError, Does.Contain("Building the build library"));
            Assert.That(newStamp, Is.Not.EqualTo(stamp));
            Assert.That(checkout.IsReadyToRun("Overwatch.Build.dll"), Is.True, $"{rebuilding} did not publish the library ReadyToRun");
            Assert.That(recompiled, Is.GreaterThan(compiled), "the script cache was not invalidated");
            Assert.That(reused.ExitCode, Is.EqualTo(0), reused.ToString());
            Assert.That(reused.StandardError, Is.Empty, $"{other} rebuilt what {rebuilding} had built");
            Assert.That(checkout.ScriptCompiledAt(), Is.EqualTo(recompiled));
        });
    }

    // A checkout, an archive or a copy can change a file and keep its old time: the stamps hash contents.
    [Test]
    public void ChangedSourceWithItsOldModificationTime_IsStillRebuilt()
    {
        var source = checkout.Combine("build", "Overwatch.Build", "Inputs", "TargetNames.cs");
        var (stamp, modified) = (checkout.LibraryStamp, File.GetLastWriteTimeUtc(source));
        File.AppendAllText(source, "\n// changed, its modification time kept\n");
        File.SetLastWriteTimeUtc(source, modified);

        var result = checkout.Run("build.sh", PlanArguments);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
            Assert.That(result.StandardError, Does.Contain("Building the build library"));
            Assert.That(checkout.LibraryStamp, Is.Not.EqualTo(stamp));
        });
    }

    // Precompiled code spares every run the JIT of what Setup runs (the library and the dependencies it calls).
    [TestCase("Overwatch.Build.dll")]
    [TestCase("YamlDotNet.dll")]
    [TestCase("CliWrap.dll")]
    public void BuiltLibrary_IsReadyToRun(string assembly) =>
        Assert.That(checkout.IsReadyToRun(assembly), Is.True);

    [TestCase("build.sh")]
    [TestCase("build.ps1")]
    public void CompileError_ExitsOne_WithTheCompilerOutputOnStderr_AndTheFixNeedsNoRebuild(string script)
    {
        var broken = checkout.Combine("build", "Overwatch.Build", "Broken.cs");
        var stamp = checkout.LibraryStamp;
        File.WriteAllText(broken, "namespace Overwatch.Build; public class Broken {\n");

        CommandResult failed;
        try { failed = checkout.Run(script, PlanArguments); }
        finally { File.Delete(broken); }
        var fixedRun = checkout.Run(script, PlanArguments);

        Assert.Multiple(() =>
        {
            Assert.That(failed.ExitCode, Is.EqualTo(1), failed.ToString());
            Assert.That(failed.StandardOutput, Is.Empty);
            Assert.That(failed.StandardError, Does.Contain("Broken.cs").And.Contain("error CS"));
            Assert.That(failed.StandardError.TrimEnd(), Does.EndWith("error: the build library failed to compile (see above)"));
            Assert.That(checkout.LibraryStamp, Is.EqualTo(stamp), "a failed build must not move the stamp");
            Assert.That(fixedRun.ExitCode, Is.EqualTo(0), fixedRun.ToString());
            Assert.That(fixedRun.StandardError, Is.Empty);
        });
    }

    [Test]
    public void ChangedToolManifestStamp_RestoresTools_WithTheChatterOnStderr()
    {
        var expected = checkout.Run("build.sh", PlanArguments);
        File.Delete(checkout.Combine(".build", "tools.stamp"));

        var result = checkout.Run("build.ps1", PlanArguments);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
            Assert.That(result.StandardError, Does.Contain("cake.tool"));
            Assert.That(BootstrapCheckout.WithoutDurations(result.StandardOutput), Is.EqualTo(BootstrapCheckout.WithoutDurations(expected.StandardOutput)));
            Assert.That(File.Exists(checkout.Combine(".build", "tools.stamp")), Is.True);
        });
    }

    // The stamp says the tools are restored; they are, but under the first user's HOME.
    [TestCase("build.sh")]
    [TestCase("build.ps1")]
    public void AnotherUsersHome_RestoresTheToolsThere_AndItsNextRunIsWarm(string script)
    {
        using var first = new OtherUserHome();
        using var second = new OtherUserHome();
        var stamp = File.ReadAllText(checkout.Combine(".build", "tools.stamp"));

        var asFirst = checkout.Run(script, PlanArguments, first.Environment);
        var asSecond = checkout.Run(script, PlanArguments, second.Environment);
        var secondAgain = checkout.Run(script, PlanArguments, second.Environment);

        Assert.Multiple(() =>
        {
            Assert.That(asFirst.ExitCode, Is.EqualTo(0), asFirst.ToString());
            Assert.That(asSecond.ExitCode, Is.EqualTo(0), asSecond.ToString());
            Assert.That(asSecond.StandardError, Does.Contain("cake.tool"), "the second user's run restored nothing");
            Assert.That(first.HasCake && second.HasCake, Is.True, "the tools were not restored into each user's packages folder");
            Assert.That(secondAgain.ExitCode, Is.EqualTo(0), secondAgain.ToString());
            Assert.That(secondAgain.StandardError, Is.Empty, "a warm run restored the tools again");
            Assert.That(File.ReadAllText(checkout.Combine(".build", "tools.stamp")), Is.EqualTo(stamp));
        });
    }

    // A NuGet.config may name another packages folder, where the bootstrap's file test cannot look: one restore, then warm.
    [TestCase("build.sh")]
    [TestCase("build.ps1")]
    public void PackagesFolderOfANuGetConfig_IsRestoredOnce_NotOnEveryRun(string script)
    {
        using var user = new OtherUserHome(packagesFolder: "configured-packages");
        var stamp = File.ReadAllText(checkout.Combine(".build", "tools.stamp"));
        try
        {
            var restoring = checkout.Run(script, PlanArguments, user.Environment);
            var warm = checkout.Run(script, PlanArguments, user.Environment);

            Assert.Multiple(() =>
            {
                Assert.That(restoring.ExitCode, Is.EqualTo(0), restoring.ToString());
                Assert.That(Directory.Exists(user.Combine("configured-packages", "cake.tool")), Is.True);
                Assert.That(warm.ExitCode, Is.EqualTo(0), warm.ToString());
                Assert.That(warm.StandardError, Is.Empty, "the second run restored the tools again");
            });
        }
        finally
        {
            // The other tests run as the machine's user, whose tools this stamp describes.
            File.WriteAllText(checkout.Combine(".build", "tools.stamp"), stamp);
        }
    }

    [TestCase(1, "--target=NoSuchTarget")]
    [TestCase(1, "--target=Plan", "--branch=x", "--tag=y")]
    [TestCase(0, "--target=Plan", "--python-version=3.6.7", "--branch=a b \"c\" $HOME 'd'")]
    public void EitherScript_GivesTheSameExitCodeAndOutput(int exitCode, params string[] arguments)
    {
        var sh = checkout.Run("build.sh", arguments);
        var ps = checkout.Run("build.ps1", arguments);

        Assert.Multiple(() =>
        {
            Assert.That(sh.ExitCode, Is.EqualTo(exitCode), sh.ToString());
            Assert.That(ps.ExitCode, Is.EqualTo(sh.ExitCode), ps.ToString());
            Assert.That(BootstrapCheckout.WithoutDurations(ps.StandardOutput), Is.EqualTo(BootstrapCheckout.WithoutDurations(sh.StandardOutput)));
            Assert.That(ps.StandardError, Is.EqualTo(sh.StandardError));
            if (exitCode != 0) Assert.That(ps.StandardError, Does.StartWith("Error: "), "errors go to stderr");
        });
    }

    [Test]
    public void BuildPs1_RunsByItsShebang_WherePwshIsOnThePath()
    {
        var path = Path.GetDirectoryName(BootstrapCheckout.PowerShell) + ":" + Environment.GetEnvironmentVariable("PATH");

        var result = Shell.Run(checkout.Combine("build.ps1"), PlanArguments, new Dictionary<string, string?> { ["PATH"] = path, ["NO_COLOR"] = "1" }, checkout.Root);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
            Assert.That(result.StandardError, Is.Empty);
        });
    }

    [TestCase("github_tag")]
    [TestCase("gitlab_merge_request")]
    public void PlanUnderCi_IsTheSameThroughEitherScript(string fixture)
    {
        var env = CiEnvironment.Load(fixture);

        var (sh, shPlan) = Plan("build.sh", env);
        var (ps, psPlan) = Plan("build.ps1", env);

        Assert.Multiple(() =>
        {
            Assert.That(psPlan, Is.EqualTo(shPlan));
            Assert.That(BootstrapCheckout.WithoutDurations(ps.StandardOutput), Is.EqualTo(BootstrapCheckout.WithoutDurations(sh.StandardOutput)));
            Assert.That(ps.StandardError, Is.Empty);
        });
    }

    private (CommandResult Result, string Plan) Plan(string script, Dictionary<string, string?> env)
    {
        var path = checkout.Combine("artifacts", "build-plan.json");
        if (File.Exists(path)) File.Delete(path);
        var result = checkout.Run(script, PlanArguments, env);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        using var plan = JsonDocument.Parse(File.ReadAllText(path));
        return (result, JsonSerializer.Serialize(plan.RootElement));
    }
}
