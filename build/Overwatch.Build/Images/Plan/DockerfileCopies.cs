using System.Text.Json;

namespace Overwatch.Build.Images.Plan;

/// <summary>
/// The build-context sources of a Dockerfile's COPY and ADD instructions: not those copying from another stage
/// (--from) and not URLs (both are in the Dockerfile's text already). A source naming a variable cannot be resolved
/// without a build (nor a [class] pattern, rare enough not to match here), so it stands for the whole context.
/// </summary>
public static class DockerfileCopies
{
    public const string WholeContext = "*";

    public static IReadOnlyList<string> Sources(string dockerfile)
    {
        var sources = new List<string>();
        foreach (var instruction in Instructions(dockerfile))
        {
            var space = instruction.IndexOfAny([' ', '\t']);
            if (space < 0) continue;
            var keyword = instruction[..space];
            if (!keyword.Equals("COPY", StringComparison.OrdinalIgnoreCase) && !keyword.Equals("ADD", StringComparison.OrdinalIgnoreCase)) continue;
            var words = Words(instruction[space..].Trim());
            var flags = words.TakeWhile(w => w.StartsWith("--", StringComparison.Ordinal)).ToList();
            if (flags.Any(f => f.StartsWith("--from", StringComparison.OrdinalIgnoreCase))) continue;
            var paths = words.Skip(flags.Count).ToList();
            foreach (var source in paths.Take(paths.Count - 1))
            {
                if (source.Contains("://", StringComparison.Ordinal) || source.StartsWith("git@", StringComparison.Ordinal)) continue;
                sources.Add(source.IndexOfAny(['$', '[']) >= 0 ? WholeContext : Normalise(source));
            }
        }
        return sources.Distinct().ToList();
    }

    /// <summary>Relative to the context: docker treats a leading / or ./ as the context's root.</summary>
    private static string Normalise(string source)
    {
        var path = source.Replace('\\', '/').TrimStart('/');
        while (path.StartsWith("./", StringComparison.Ordinal)) path = path[2..].TrimStart('/');
        path = path.TrimEnd('/');
        return path is "" or "." ? WholeContext : path;
    }

    private static List<string> Words(string arguments)
    {
        if (arguments.StartsWith('['))
        {
            try
            {
                return JsonSerializer.Deserialize<List<string>>(arguments) ?? [];
            }
            catch (JsonException)
            {
                // Not valid JSON: docker reads it as the plain form too.
            }
        }
        return arguments.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    /// <summary>Instructions with continuation lines joined and comments dropped, honouring an escape directive.</summary>
    private static IEnumerable<string> Instructions(string dockerfile)
    {
        var lines = dockerfile.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var escape = '\\';
        foreach (var line in lines)
        {
            var trimmed = line.Trim();
            if (!trimmed.StartsWith('#')) break;
            var directive = trimmed[1..].Trim();
            if (directive.StartsWith("escape", StringComparison.OrdinalIgnoreCase) && directive.Split('=', 2) is [_, var value] && value.Trim().Length == 1)
                escape = value.Trim()[0];
        }
        var current = "";
        foreach (var line in lines)
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith('#')) continue;
            if (trimmed.EndsWith(escape))
            {
                current += trimmed[..^1] + " ";
                continue;
            }
            current += trimmed;
            if (current.Trim().Length > 0) yield return current.Trim();
            current = "";
        }
        if (current.Trim().Length > 0) yield return current.Trim();
    }
}
