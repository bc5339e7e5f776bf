using System.Text.Json;

namespace Overwatch.Build.Images.Plan;

/// <summary>
/// The build-context sources of a Dockerfile's COPY and ADD instructions: not those copying from another stage
/// (--from) and not URLs (both are in the Dockerfile's text already). A source naming a variable cannot be resolved
/// without a build (nor a [class] pattern, rare enough not to match here), so it stands for the whole context.
/// Also what a hash of the Dockerfile and those sources cannot see (<see cref="Unseen"/>).
/// </summary>
public static class DockerfileCopies
{
    public const string WholeContext = "*";

    public static IReadOnlyList<string> Sources(string dockerfile)
    {
        var sources = new List<string>();
        foreach (var (keyword, flags, paths) in Parsed(dockerfile))
        {
            if (keyword is not ("COPY" or "ADD") || flags.Any(f => f.StartsWith("--from", StringComparison.OrdinalIgnoreCase))) continue;
            foreach (var source in paths.Take(paths.Count - 1))
            {
                if (IsUrl(source)) continue;
                sources.Add(source.IndexOfAny(['$', '[']) >= 0 ? WholeContext : Normalise(source));
            }
        }
        return sources.Distinct().ToList();
    }

    /// <summary>
    /// What a hash of the Dockerfile and its context cannot see, so two builds of the same inputs may differ: an ADD of a
    /// URL, a source naming a variable, a FROM or COPY --from naming an image other than <paramref name="baseArgument"/>
    /// (its ID is not known without a pull). Empty when the inputs decide the image as docker's build cache sees it.
    /// </summary>
    public static IReadOnlyList<string> Unseen(string dockerfile, string baseArgument = "BASE_IMAGE")
    {
        var unseen = new List<string>();
        var stages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var stageIndex = 0;
        foreach (var (keyword, flags, words) in Parsed(dockerfile))
        {
            if (keyword == "FROM" && words.Count > 0)
            {
                var image = words[0];
                if (!image.Equals("scratch", StringComparison.OrdinalIgnoreCase) && image != "${" + baseArgument + "}" && image != "$" + baseArgument
                    && !stages.Contains(image))
                    unseen.Add($"a FROM of another image than {baseArgument} ({image})");
                if (words.Count >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase)) stages.Add(words[2]);
                // COPY --from=N names the N-th stage.
                stages.Add((stageIndex++).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            if (keyword is not ("COPY" or "ADD")) continue;
            if (flags.FirstOrDefault(f => f.StartsWith("--from=", StringComparison.OrdinalIgnoreCase)) is { } from)
            {
                if (!stages.Contains(from["--from=".Length..])) unseen.Add($"a COPY --from of an image ({from["--from=".Length..]})");
                continue;
            }
            foreach (var source in words.Take(words.Count - 1))
            {
                if (IsUrl(source)) unseen.Add($"ADD of a URL ({source})");
                else if (source.IndexOfAny(['$', '[']) >= 0) unseen.Add($"a COPY or ADD source naming a variable or a [class] ({source})");
            }
        }
        return unseen.Distinct().ToList();
    }

    private static bool IsUrl(string source) => source.Contains("://", StringComparison.Ordinal) || source.StartsWith("git@", StringComparison.Ordinal);

    /// <summary>Each instruction's keyword (upper case), its leading --flags and the words after them.</summary>
    private static IEnumerable<(string Keyword, List<string> Flags, List<string> Words)> Parsed(string dockerfile)
    {
        foreach (var instruction in Instructions(dockerfile))
        {
            var space = instruction.IndexOfAny([' ', '\t']);
            if (space < 0) continue;
            var words = Words(instruction[space..].Trim());
            var flags = words.TakeWhile(w => w.StartsWith("--", StringComparison.Ordinal)).ToList();
            yield return (instruction[..space].ToUpperInvariant(), flags, words.Skip(flags.Count).ToList());
        }
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
