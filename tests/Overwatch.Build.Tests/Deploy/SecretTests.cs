using System.Diagnostics;
using NUnit.Framework;
using Overwatch.Build.Deploy.Secrets;
using Overwatch.Build.Deploy;
using Overwatch.Build.Inputs;
using Overwatch.Build.Tests.Infra;

namespace Overwatch.Build.Tests.Deploy;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class SecretTests
{
    private const string SecretValue = "-----BEGIN CERTIFICATE-----\nTOPSECRETCERTIFICATEBODY\n-----END CERTIFICATE-----";

    private static string Yaml(string kind, string location) => $"""
        environment:
            {kind}:
                enabled: true
                variableName: "mySecret"
                writeLocation: "{location}"
        executables:
            processing:
                enabled: true
        """;

    [Test]
    public void A_secret_is_written_with_mode_0600_in_a_new_0700_directory_and_never_logged()
    {
        using var work = new TempDirectory();
        var log = new StringWriter();
        var environment = DeployFixtures.Environment(work.Path, ("config", Yaml("gridCert", "~/.globus/usercert.pem")), ("mySecret", SecretValue));

        DeployPipeline.Render(BadInputTests.Options(work.Path), environment, log);

        var path = work.Combine("home", ".globus", "usercert.pem");
        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(path), Is.EqualTo(SecretValue + "\n"));
            Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(File.GetUnixFileMode(Path.GetDirectoryName(path)!), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
            Assert.That(log.ToString(), Does.Contain("usercert.pem"));
            Assert.That(log.ToString(), Does.Not.Contain("TOPSECRET"));
            Assert.That(log.ToString(), Does.Not.Contain((SecretValue.Length + 1).ToString()));
        });
    }

    [Test]
    public void An_identical_existing_secret_is_left_alone()
    {
        using var work = new TempDirectory();
        var environment = DeployFixtures.Environment(work.Path, ("config", Yaml("gridKey", "keys/userkey.pem")), ("mySecret", SecretValue));
        DeployPipeline.Render(BadInputTests.Options(work.Path), environment, TextWriter.Null);
        var path = work.Combine("keys", "userkey.pem");
        var written = File.GetLastWriteTimeUtc(path);

        var result = DeployPipeline.Render(BadInputTests.Options(work.Path), environment, TextWriter.Null);

        Assert.That(result.UnchangedFiles, Does.Contain(path));
        Assert.That(File.GetLastWriteTimeUtc(path), Is.EqualTo(written));
    }

    [Test]
    public void An_identical_secret_readable_by_others_is_rewritten_with_mode_0600()
    {
        using var work = new TempDirectory();
        Directory.CreateDirectory(work.Combine("keys"));
        var path = work.Combine("keys", "usercert.pem");
        File.WriteAllText(path, SecretValue + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var environment = DeployFixtures.Environment(work.Path, ("config", Yaml("gridCert", "keys/usercert.pem")), ("mySecret", SecretValue));

        var result = DeployPipeline.Render(BadInputTests.Options(work.Path), environment, TextWriter.Null);

        Assert.That(result.WrittenFiles, Does.Contain(path));
        Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public void A_different_existing_secret_is_an_error_unless_forced()
    {
        using var work = new TempDirectory();
        Directory.CreateDirectory(work.Combine("keys"));
        File.WriteAllText(work.Combine("keys", "id_rsa"), "someone else's key\n");
        var environment = DeployFixtures.Environment(work.Path, ("config", Yaml("gridKey", "keys/id_rsa")), ("mySecret", SecretValue));
        var before = DeployFixtures.Snapshot(work.Path);

        var error = Assert.Throws<UsageException>(() => DeployPipeline.Render(BadInputTests.Options(work.Path), environment, TextWriter.Null));
        Assert.That(error!.Message, Does.Contain("environment.gridKey.writeLocation").And.Contain("--force"));
        Assert.That(DeployFixtures.Snapshot(work.Path), Is.EqualTo(before));

        DeployPipeline.Render(BadInputTests.Options(work.Path, force: true), environment, TextWriter.Null);
        Assert.That(File.ReadAllText(work.Combine("keys", "id_rsa")), Is.EqualTo(SecretValue + "\n"));
    }

    [TestCase("ed25519", null, TestName = "Rejects_an_OpenSSH_key_with_a_passphrase")]
    [TestCase("rsa", "PEM", TestName = "Rejects_a_PEM_key_with_a_passphrase")]
    [TestCase("rsa", "PKCS8", TestName = "Rejects_a_PKCS8_key_with_a_passphrase")]
    public void A_passphrase_protected_ssh_key_is_refused_with_the_rsync_explanation(string type, string? format)
    {
        using var work = new TempDirectory();
        var key = GenerateKey(work, type, format, passphrase: "secret");
        var environment = DeployFixtures.Environment(work.Path, ("config", Yaml("sshKey", "ssh/id_rsa")), ("mySecret", key));
        var before = DeployFixtures.Snapshot(work.Path);

        var error = Assert.Throws<UsageException>(() => DeployPipeline.Render(BadInputTests.Options(work.Path), environment, TextWriter.Null));

        Assert.That(error!.Message, Does.Contain("$mySecret").And.Contain("passphrase").And.Contain("rsync").And.Contain("without a passphrase"));
        Assert.That(error.Message, Does.Not.Contain(key.Split('\n')[1]));
        Assert.That(DeployFixtures.Snapshot(work.Path), Is.EqualTo(before));
    }

    [TestCase("ed25519", null)]
    [TestCase("rsa", "PEM")]
    [TestCase("rsa", "PKCS8")]
    public void A_key_without_a_passphrase_is_accepted(string type, string? format)
    {
        using var work = new TempDirectory();

        Assert.That(PrivateKeyInspector.IsPassphraseProtected(GenerateKey(work, type, format, passphrase: "")), Is.False);
    }

    private static string GenerateKey(TempDirectory work, string type, string? format, string passphrase)
    {
        var sshKeygen = RequiredProgram.Find("ssh-keygen");
        var file = work.Combine($"key-{Guid.NewGuid():N}");
        List<string> arguments = ["-q", "-t", type, "-N", passphrase, "-f", file];
        if (type == "rsa") arguments.AddRange(["-b", "2048"]);
        if (format is not null) arguments.AddRange(["-m", format]);
        using var process = Process.Start(new ProcessStartInfo(sshKeygen, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.EqualTo(0), process.StandardError.ReadToEnd());
        var key = File.ReadAllText(file).TrimEnd('\n');
        File.Delete(file);
        File.Delete(file + ".pub");
        return key;
    }
}
