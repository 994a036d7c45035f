using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MapGuard.Compat.Tests.DropIn;

/// <summary>
/// Compiles the drop-in scenario (DropIn/Scenario/*.txt, written against <c>ConcurrentDictionary</c>) with
/// <c>ConcurrentDictionary&lt;</c> replaced by another type name and nothing else changed, against the framework and
/// MapGuard, and loads the result.
/// </summary>
public static class ScenarioCompiler
{
    private static readonly Lazy<MetadataReference[]> s_references = new(() =>
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Select(path => MetadataReference.CreateFromFile(path)),
        MetadataReference.CreateFromFile(typeof(IConcurrentMap<,>).Assembly.Location),
    ]);

    /// <summary>Reads a scenario file embedded in this assembly.</summary>
    public static string Source(string fileName)
    {
        using Stream stream = typeof(ScenarioCompiler).Assembly.GetManifestResourceStream(fileName)
            ?? throw new InvalidOperationException($"missing embedded scenario {fileName}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Compiles <paramref name="fileNames"/> with every <c>ConcurrentDictionary&lt;</c> replaced by
    /// <paramref name="typeName"/><c>&lt;</c>; fails the test with the compiler's errors if it does not compile.
    /// </summary>
    public static Assembly Compile(string typeName, params string[] fileNames)
    {
        SyntaxTree[] trees =
        [
            .. fileNames.Select(name => CSharpSyntaxTree.ParseText(
                Source(name).Replace("ConcurrentDictionary<", typeName + "<", StringComparison.Ordinal),
                new CSharpParseOptions(LanguageVersion.Latest),
                path: name)),
        ];
        var compilation = CSharpCompilation.Create(
            "DropInScenario_" + Guid.NewGuid().ToString("N"),
            trees,
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = compilation.Emit(image);
        Diagnostic[] errors = [.. result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)];
        Assert.True(result.Success, $"The scenario does not compile with {typeName}:\n" + string.Join("\n", errors.Select(e => e.ToString())));

        image.Position = 0;
        return new AssemblyLoadContext(typeName, isCollectible: true).LoadFromStream(image);
    }

    /// <summary>Calls a public static method of a compiled scenario, unwrapping what it throws.</summary>
    public static object? Call(Assembly scenario, string type, string method, params object?[] arguments)
    {
        MethodInfo target = scenario.GetType(type, throwOnError: true)!.GetMethod(method, BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException($"{type}.{method} not found");
        try
        {
            return target.Invoke(null, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}
