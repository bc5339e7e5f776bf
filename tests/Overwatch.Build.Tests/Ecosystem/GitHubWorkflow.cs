using System.Text.RegularExpressions;
using Overwatch.Build.Tests.Infra;
using YamlDotNet.RepresentationModel;

namespace Overwatch.Build.Tests.Ecosystem;

/// <summary>The shipped GitHub Actions workflow, read as data: its triggers, jobs and steps.</summary>
public sealed partial class GitHubWorkflow(YamlMappingNode root)
{
    public static string ShippedPath => Path.Combine(RepoPaths.Root, ".github", "workflows", "images.yml");

    public static GitHubWorkflow Shipped() => new(YamlTree.Load(ShippedPath));

    public YamlMappingNode Root => root;

    public YamlNode? On => root.Get("on");

    public IReadOnlyList<(string Name, YamlNode Job)> Jobs => root.Get("jobs").Entries();

    public IEnumerable<(string Job, YamlNode Step)> Steps =>
        Jobs.SelectMany(job => job.Job.Get("steps").Items().Select(step => (job.Name, step)));

    /// <summary>The steps given repository secrets (in their env or with).</summary>
    public IReadOnlyList<(string Job, YamlNode Step)> StepsWithSecrets() =>
        Steps.Where(s => MentionsSecrets(s.Step.Get("env")) || MentionsSecrets(s.Step.Get("with"))).ToList();

    public static bool MentionsSecrets(YamlNode? node) =>
        node.Entries().Any(entry => entry.Value.Text()?.Contains("secrets.", StringComparison.Ordinal) == true);

    /// <summary>Whether GitHub starts this workflow for the trigger: the event is declared and the push filters match.</summary>
    public bool Starts(GitHubTrigger trigger)
    {
        var eventNode = On.Entries().FirstOrDefault(e => e.Key == trigger.EventName);
        if (eventNode.Key is null) return false;
        if (trigger.EventName != "push") return true;
        var patterns = eventNode.Value.Get(trigger.IsTag ? "tags" : "branches").Texts();
        return patterns.Any(pattern => FilterPattern(pattern).IsMatch(trigger.ShortRef));
    }

    /// <summary>
    /// Whether a step runs for an event. Only the forms the shipped workflow uses are understood, so a
    /// condition this test cannot judge fails it instead of being guessed.
    /// </summary>
    public static bool RunsFor(YamlNode step, string eventName)
    {
        var condition = step.Get("if").Text()?.Trim();
        if (condition is null || condition == "always()") return true;
        var comparison = EventComparison().Match(condition);
        if (!comparison.Success)
            throw new NotSupportedException($"step condition '{condition}': keep it a comparison of github.event_name with a quoted event name");
        var equal = comparison.Groups["name"].Value == eventName;
        return comparison.Groups["op"].Value == "==" ? equal : !equal;
    }

    // GitHub's filter patterns: '**' matches any characters, '*' any but '/'. Others are not used here.
    private static Regex FilterPattern(string pattern)
    {
        if (pattern.IndexOfAny(['?', '+', '[', '!']) >= 0) throw new NotSupportedException($"filter pattern '{pattern}' uses more than * and **");
        var body = Regex.Escape(pattern).Replace(@"\*\*", "\u0001").Replace(@"\*", "[^/]*").Replace("\u0001", ".*");
        return new Regex($"^{body}$");
    }

    [GeneratedRegex(@"^github\.event_name\s*(?<op>==|!=)\s*'(?<name>[a-z_]+)'$")]
    private static partial Regex EventComparison();
}
