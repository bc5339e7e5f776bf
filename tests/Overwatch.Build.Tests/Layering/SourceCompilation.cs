using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Overwatch.Build.Tests.Layering;

/// <summary>
/// C# sources compiled in memory, so that every name is bound to the type it means: a type reached without a
/// <c>using</c> line (same file, parent namespace, fully qualified, a member's return value) is seen too.
/// </summary>
public sealed class SourceCompilation
{
    // The library's project file turns these on (ImplicitUsings); the generated file lives in obj/, which is not read.
    private const string ImplicitUsings =
        "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq;"
        + " global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;";

    // The SDK's generators the library relies on ([GeneratedRegex], [JsonSerializable]): without them members they
    // write (a JsonSerializerContext's Default) would not bind.
    private static readonly string[] GeneratorAssemblies = ["System.Text.RegularExpressions.Generator.dll", "System.Text.Json.SourceGeneration.dll"];

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);
    private static readonly Lazy<ImmutableArray<ISourceGenerator>> Generators = new(LoadGenerators);

    private readonly CSharpCompilation _compilation;
    private readonly IReadOnlyList<SyntaxTree> _sources;
    private readonly HashSet<SyntaxTree> _sourceSet;

    private readonly Lazy<(IReadOnlyList<string> Errors, IReadOnlyList<NamespaceUse> Uses)> _analysis;

    private SourceCompilation(CSharpCompilation compilation, IReadOnlyList<SyntaxTree> sources)
    {
        (_compilation, _sources) = (compilation, sources);
        _sourceSet = sources.ToHashSet();
        _analysis = new(Analyse);
    }

    /// <summary>Every <c>.cs</c> file under <paramref name="directory"/> except build output, paths shown relative to it.</summary>
    public static SourceCompilation FromDirectory(string directory) =>
        FromSources(Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(directory, f).Split(Path.DirectorySeparatorChar).Any(part => part is "obj" or "bin"))
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(directory, f), File.ReadAllText(f))));

    public static SourceCompilation FromSources(IEnumerable<(string Path, string Text)> sources)
    {
        var options = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, options, s.Path)).ToList();
        var compilation = CSharpCompilation.Create("LayeringCheck", trees.Append(CSharpSyntaxTree.ParseText(ImplicitUsings, options, "ImplicitUsings.g.cs")), References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
        CSharpGeneratorDriver.Create(Generators.Value, parseOptions: options).RunGeneratorsAndUpdateCompilation(compilation, out var generated, out _);
        return new SourceCompilation((CSharpCompilation)generated, trees);
    }

    /// <summary>Errors that would leave a name unbound, and so a use unseen.</summary>
    public IReadOnlyList<string> Errors() => _analysis.Value.Errors;

    /// <summary>Every place where code of one namespace names a type, or a member of a type, declared in another namespace of these sources.</summary>
    public IReadOnlyList<NamespaceUse> Uses() => _analysis.Value.Uses;

    private (IReadOnlyList<string> Errors, IReadOnlyList<NamespaceUse> Uses) Analyse()
    {
        // Trees are independent: both cores bind them (about half the check's time); the results keep the files' order.
        var perTree = new (IEnumerable<Diagnostic> Diagnostics, List<NamespaceUse> Uses)[_sources.Count];
        Parallel.For(0, _sources.Count, i => perTree[i] = Analyse(_sources[i]));
        var errors = _compilation.GetParseDiagnostics().Concat(_compilation.GetDeclarationDiagnostics()).Concat(perTree.SelectMany(t => t.Diagnostics))
            .Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).Distinct().ToList();
        return (errors, perTree.SelectMany(t => t.Uses).ToList());
    }

    private (IEnumerable<Diagnostic> Diagnostics, List<NamespaceUse> Uses) Analyse(SyntaxTree tree)
    {
        var model = _compilation.GetSemanticModel(tree);
        var diagnostics = model.GetMethodBodyDiagnostics();
        var uses = new List<NamespaceUse>();
        var root = tree.GetCompilationUnitRoot();
        var fileNamespace = root.DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault();
        foreach (var node in root.DescendantNodes())
        {
            var used = node switch
            {
                UsingDirectiveSyntax { NamespaceOrType: var name } => model.GetSymbolInfo(name).Symbol,
                SimpleNameSyntax or ImplicitObjectCreationExpressionSyntax => TypeOrMember(model.GetSymbolInfo(node)),
                _ => null,
            };
            if (used is null || DeclaringNamespace(used) is not { } to) continue;
            var enclosing = node.AncestorsAndSelf().OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault() ?? fileNamespace;
            if (enclosing is null || model.GetDeclaredSymbol(enclosing) is not { } fromSymbol) continue;
            var from = fromSymbol.ToDisplayString();
            if (from == to) continue;
            var line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            uses.Add(new NamespaceUse(tree.FilePath, line, from, to, Shown(used)));
        }
        return (diagnostics, uses);
    }

    private static ISymbol? TypeOrMember(SymbolInfo info)
    {
        // An overload the compiler could not pick still names its type.
        var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
        // Tuples and anonymous types are declared where they are written, in no namespace of their own.
        if ((symbol as INamedTypeSymbol ?? symbol?.ContainingType) is { IsTupleType: true } or { IsAnonymousType: true }) return null;
        return symbol switch
        {
            INamedTypeSymbol type => type.OriginalDefinition,
            IMethodSymbol { ReducedFrom: { } extension } => extension,
            IMethodSymbol or IPropertySymbol or IFieldSymbol or IEventSymbol => symbol.OriginalDefinition,
            _ => null,
        };
    }

    /// <summary>
    /// The namespace a symbol of these sources is declared in; null for anything from a referenced assembly or
    /// only from generated code (the regex generator's System.Text.RegularExpressions.Generated).
    /// </summary>
    private string? DeclaringNamespace(ISymbol symbol)
    {
        var declared = symbol is INamespaceOrTypeSymbol ? symbol : symbol.ContainingType;
        if (declared is null || !declared.DeclaringSyntaxReferences.Any(r => _sourceSet.Contains(r.SyntaxTree))) return null;
        var ns = symbol as INamespaceSymbol ?? symbol.ContainingNamespace;
        return ns is { IsGlobalNamespace: false } ? ns.ToDisplayString() : null;
    }

    private static string Shown(ISymbol symbol) => symbol switch
    {
        INamespaceSymbol ns => $"namespace {ns.ToDisplayString()} (using line)",
        INamedTypeSymbol type => type.ToDisplayString(),
        _ => symbol.ContainingType.ToDisplayString(),
    };

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // The runtime's reference assemblies, as the SDK compiles against, and the packages the built library
        // references (YamlDotNet, Scriban, CliWrap). The library itself is left out: its types come from the sources.
        var framework = Directory.EnumerateFiles(Path.Combine(TargetingPack(), "ref", $"net{Environment.Version.Major}.0"), "*.dll");
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location);
        var packages = typeof(Overwatch.Build.Inputs.UsageException).Assembly.GetReferencedAssemblies()
            .Select(name => Assembly.Load(name).Location)
            .Where(location => Path.GetDirectoryName(location) != runtimeDirectory);
        return [.. framework.Concat(packages).Select(p => MetadataReference.CreateFromFile(p))];
    }

    private static ImmutableArray<ISourceGenerator> LoadGenerators() =>
    [
        .. GeneratorAssemblies
            .Select(name => Assembly.LoadFrom(Path.Combine(TargetingPack(), "analyzers", "dotnet", "cs", name)))
            .SelectMany(LoadableTypes)
            .Where(type => !type.IsAbstract && type.GetCustomAttribute<GeneratorAttribute>() is not null && typeof(IIncrementalGenerator).IsAssignableFrom(type))
            .Select(type => ((IIncrementalGenerator)Activator.CreateInstance(type)!).AsSourceGenerator()),
    ];

    /// <summary>The SDK's targeting pack for the running runtime: <c>&lt;dotnet&gt;/packs/Microsoft.NETCore.App.Ref/&lt;version&gt;</c>.</summary>
    private static string TargetingPack()
    {
        var dotnet = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        var packs = Path.Combine(dotnet, "packs", "Microsoft.NETCore.App.Ref");
        var pack = Directory.Exists(packs)
            ? Directory.GetDirectories(packs, $"{Environment.Version.Major}.*")
                .OrderBy(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version()).LastOrDefault()
            : null;
        return pack ?? throw new InvalidOperationException(
            $"no targeting pack for .NET {Environment.Version.Major} under {packs}: its reference assemblies and source generators compile the library here");
    }

    // The generator assemblies also hold code fixes built on Roslyn's Workspaces, which is not loaded here; the generators do not need it.
    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try { return assembly.GetTypes(); }
        catch (ReflectionTypeLoadException e) { return e.Types.OfType<Type>(); }
    }
}
