using System.Text.RegularExpressions;
using Overwatch.Build.Deploy.Rendering;
using Overwatch.Build.Deploy.Model;

namespace Overwatch.Build.Deploy;

/// <summary>
/// The last line of defence for supervisord.conf, whose format has no escaping for line breaks: the rendered
/// text must hold exactly the program sections we meant, and nothing but comments, blank lines, section headers
/// and <c>key = value</c> lines.
/// A value that slipped past validation and added a line or a <c>[program:...]</c> is refused, not written.
/// </summary>
public static partial class SupervisordConfCheck
{
    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.]*[ \t]*=")]
    private static partial Regex Option();

    /// <returns>Null when the text has the expected shape; otherwise what is wrong, for one line.</returns>
    public static string? Problem(string text, IEnumerable<string> programs)
    {
        var expected = programs.Select(p => $"program:{p}").ToList();
        var found = new List<string>();
        var number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            if (line.Length == 0 || line[0] is ';' or '#') continue;
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                if (line.StartsWith("[program:", StringComparison.Ordinal)) found.Add(line[1..^1]);
            }
            else if (!Option().IsMatch(line)) return $"line {number} is not an option line ('{Shorten(line)}')";
        }
        return found.SequenceEqual(expected, StringComparer.Ordinal)
            ? null
            : $"its programs would be [{string.Join("] [", found)}] instead of [{string.Join("] [", expected)}]";
    }

    /// <summary>Adds a problem when the rendered supervisord.conf among <paramref name="outputs"/> is not what we meant.</summary>
    public static void Check(IEnumerable<(string Path, byte[] Contents)> outputs, DeployConfig config, RenderSettings settings,
        ICollection<DeployProblem> problems)
    {
        if (!config.Supervisor) return;
        var path = settings.Absolute(DeployConfig.SupervisordConfPath(settings.ExecDir));
        foreach (var (_, contents) in outputs.Where(o => o.Path == path))
        {
            if (Problem(System.Text.Encoding.UTF8.GetString(contents), SupervisorPrograms.For(config, settings).Select(p => p.Name)) is { } problem)
                problems.Add(new DeployProblem("supervisord.conf", null,
                    $"{problem}: a value in the deploy configuration changes the file's structure; look for a line break in it"));
        }
    }

    private static string Shorten(string line) => line.Length <= 40 ? line : line[..40] + "...";
}
