using Scriban;
using Scriban.Runtime;

namespace Overwatch.Build.Deploy.Rendering;

/// <summary>
/// The Scriban templates of a templates directory (the repository's <c>templates/</c>), rendered with
/// strict variables so a misspelt name fails instead of rendering empty. Model members keep their C# names.
/// </summary>
public sealed class TemplateSet(string directory)
{
    private readonly Dictionary<string, Template> _parsed = new(StringComparer.Ordinal);

    public string Render(string name, object model)
    {
        var template = Parse(name);
        var globals = new ScriptObject();
        globals.Import(model, renamer: member => member.Name);
        var context = new TemplateContext
        {
            StrictVariables = true,
            MemberRenamer = member => member.Name,
            NewLine = "\n",
            // Scriban stops loops after 1000 iterations and output after 1M characters by default; our input is
            // already bounded (YamlLimits), and a config with 1001 executables or a long config.yaml is valid.
            LoopLimit = 0,
            LimitToString = 0,
        };
        context.PushGlobal(globals);
        try
        {
            return template.Render(context);
        }
        catch (Scriban.Syntax.ScriptRuntimeException e)
        {
            throw new InvalidOperationException($"template {PathOf(name)} failed: {e.Message}", e);
        }
    }

    private Template Parse(string name)
    {
        if (_parsed.TryGetValue(name, out var cached)) return cached;
        var path = PathOf(name);
        if (!File.Exists(path))
        {
            throw new Inputs.UsageException($"template {path} is missing; the templates directory must be the repository's templates/");
        }
        var template = Template.Parse(File.ReadAllText(path).Replace("\r\n", "\n"), path);
        if (template.HasErrors)
        {
            throw new InvalidOperationException($"template {path} does not parse: {string.Join("; ", template.Messages)}");
        }
        return _parsed[name] = template;
    }

    private string PathOf(string name) => Path.Combine(directory, name + ".sbn");
}
