using System.Buffers.Binary;
using System.Text;

namespace Overwatch.Build.Deploy.Secrets;

/// <summary>Tells whether a private key needs a passphrase, by parsing it (no ssh-keygen).</summary>
public static class PrivateKeyInspector
{
    private const string OpenSshBegin = "-----BEGIN OPENSSH PRIVATE KEY-----";
    private const string OpenSshEnd = "-----END OPENSSH PRIVATE KEY-----";
    private static readonly byte[] OpenSshMagic = Encoding.ASCII.GetBytes("openssh-key-v1\0");

    public static bool IsPassphraseProtected(string key)
    {
        if (key.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal)) return true;
        if (key.Contains("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal)) return true;
        return OpenSshCipher(key) is { } cipher && cipher != "none";
    }

    /// <summary>The cipher name in an OpenSSH-format key's header, or null when the text is not one.</summary>
    public static string? OpenSshCipher(string key)
    {
        var begin = key.IndexOf(OpenSshBegin, StringComparison.Ordinal);
        var end = key.IndexOf(OpenSshEnd, StringComparison.Ordinal);
        if (begin < 0 || end < begin) return null;
        var body = new string(key[(begin + OpenSshBegin.Length)..end].Where(c => !char.IsWhiteSpace(c)).ToArray());
        byte[] bytes;
        try { bytes = Convert.FromBase64String(body); }
        catch (FormatException) { return null; }
        if (!bytes.AsSpan().StartsWith(OpenSshMagic)) return null;
        var rest = bytes.AsSpan(OpenSshMagic.Length);
        if (rest.Length < 4) return null;
        var length = BinaryPrimitives.ReadUInt32BigEndian(rest);
        if (length > rest.Length - 4) return null;
        return Encoding.ASCII.GetString(rest.Slice(4, (int)length));
    }
}
