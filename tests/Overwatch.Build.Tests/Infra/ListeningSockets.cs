using System.Globalization;
using System.Net;

namespace Overwatch.Build.Tests.Infra;

/// <summary>The addresses bound to a TCP port in LISTEN state, read from /proc/net/tcp and tcp6 (no ss needed).</summary>
public static class ListeningSockets
{
    private const string Listen = "0A";

    public static IReadOnlyList<string> On(int port) =>
        Entries("/proc/net/tcp", ipv6: false).Concat(Entries("/proc/net/tcp6", ipv6: true))
            .Where(e => e.Port == port).Select(e => $"{e.Address}:{e.Port}").Distinct().Order(StringComparer.Ordinal).ToList();

    private static IEnumerable<(string Address, int Port)> Entries(string table, bool ipv6)
    {
        if (!File.Exists(table)) yield break;
        foreach (var line in File.ReadLines(table).Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 4 || fields[3] != Listen) continue;
            var (hex, port) = (fields[1].Split(':')[0], int.Parse(fields[1].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            yield return (Decode(hex, ipv6), port);
        }
    }

    /// <summary>The kernel prints each 32-bit word of the address in host (little-endian) order.</summary>
    private static string Decode(string hex, bool ipv6)
    {
        var bytes = Convert.FromHexString(hex);
        for (var word = 0; word < bytes.Length; word += 4) Array.Reverse(bytes, word, 4);
        return new IPAddress(bytes).ToString();
    }
}
