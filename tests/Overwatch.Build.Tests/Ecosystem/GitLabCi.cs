using System.Text.RegularExpressions;
using Overwatch.Build.Tests.Infra;
using YamlDotNet.RepresentationModel;

namespace Overwatch.Build.Tests.Ecosystem;

/// <summary>
/// The shipped .gitlab-ci.yml read as data, with just enough of GitLab's rules to tell which pipeline and
/// jobs a trigger gets. A rule this reader does not understand fails the test instead of being guessed.
/// </summary>
public sealed partial class GitLabCi(YamlMappingNode root)
{
    private static readonly HashSet<string> Keywords =
        ["workflow", "stages", "variables", "default", "include", "image", "services", "before_script", "after_script", "cache"];

    public static string ShippedPath => Path.Combine(RepoPaths.Root, ".gitlab-ci.yml");

    public static GitLabCi Shipped() => new(YamlTree.Load(ShippedPath));

    public YamlMappingNode Root => root;

    /// <summary>The jobs (hidden '.' templates excluded), each merged with the templates it extends.</summary>
    public IReadOnlyList<(string Name, YamlMappingNode Job)> Jobs =>
        root.Entries().Where(e => !e.Key.StartsWith('.') && !Keywords.Contains(e.Key))
            .Select(e => (e.Key, Extended((YamlMappingNode)e.Value))).ToList();

    public bool StartsPipeline(IReadOnlyDictionary<string, string?> variables) =>
        RuleOutcome(root.Get("workflow").Get("rules"), variables) ?? false;

    public IReadOnlyList<(string Name, YamlMappingNode Job)> JobsFor(IReadOnlyDictionary<string, string?> variables) =>
        Jobs.Where(job => job.Job.Get("rules") is null || RuleOutcome(job.Job.Get("rules"), variables) == true).ToList();

    /// <summary>The first rule whose if holds decides (when: never means no); null when none holds.</summary>
    private static bool? RuleOutcome(YamlNode? rules, IReadOnlyDictionary<string, string?> variables)
    {
        foreach (var rule in rules.Items())
        {
            var condition = rule.Get("if").Text();
            if (condition is not null && !Holds(condition, variables)) continue;
            return rule.Get("when").Text() != "never";
        }
        return null;
    }

    public static bool Holds(string condition, IReadOnlyDictionary<string, string?> variables)
    {
        var match = Comparison().Match(condition.Trim());
        if (!match.Success)
            throw new NotSupportedException($"rule '{condition}': keep it $VAR, $VAR == \"x\", $VAR != \"x\" or $VAR =~ /re/");
        var value = variables.TryGetValue(match.Groups["var"].Value, out var v) && !string.IsNullOrEmpty(v) ? v : null;
        return match.Groups["op"].Value switch
        {
            "" => value is not null,
            "==" => value == match.Groups["text"].Value,
            "!=" => value != match.Groups["text"].Value,
            _ => value is not null && Regex.IsMatch(value, match.Groups["re"].Value),
        };
    }

    private YamlMappingNode Extended(YamlMappingNode job)
    {
        var merged = new YamlMappingNode();
        foreach (var template in job.Get("extends").Texts())
            foreach (var (key, value) in root.Get(template).Entries()) merged.Children[new YamlScalarNode(key)] = value;
        foreach (var (key, value) in job.Entries()) merged.Children[new YamlScalarNode(key)] = value;
        return merged;
    }

    [GeneratedRegex("""^\$(?<var>[A-Z_]+)(\s*(?<op>==|!=)\s*"(?<text>[^"]*)"|\s*(?<op>=~)\s*/(?<re>[^/]*)/)?$""")]
    private static partial Regex Comparison();
}
