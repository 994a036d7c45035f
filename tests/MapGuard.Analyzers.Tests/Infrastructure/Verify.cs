using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace MapGuard.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs an analyzer (and a code fix) over test code written with the testing library's markup:
/// <c>{|MG1001:span|}</c> marks where a diagnostic must be, and any diagnostic anywhere else fails the test. Compiler
/// errors in the test code fail it too, so every snippet is real, compiling C#.
/// </summary>
internal static class Verify
{
    public const string Usings = """
        using System;
        using System.Collections;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using MapGuard;

        """;

    public static Task AnalyzerAsync<TAnalyzer>(string source, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = Usings + source,
            ReferenceAssemblies = TestReferences.None,
        };
        Configure(test);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>As <see cref="AnalyzerAsync{TAnalyzer}(string, DiagnosticResult[])"/>, over several named files.</summary>
    public static Task AnalyzerAsync<TAnalyzer>(IEnumerable<(string FileName, string Source)> files, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> { ReferenceAssemblies = TestReferences.None };
        foreach ((string fileName, string source) in files)
        {
            test.TestState.Sources.Add((fileName, Usings + source));
        }

        Configure(test);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    public static Task CodeFixAsync<TAnalyzer, TCodeFix>(string source, string fixedSource, int? codeActionIndex = null, string? equivalenceKey = null)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = Usings + source,
            FixedCode = Usings + fixedSource,
            ReferenceAssemblies = TestReferences.None,
            CodeActionIndex = codeActionIndex,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        Configure(test);
        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    public static Task CodeFixAsync<TAnalyzer, TCodeFix>(CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier> test)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        test.ReferenceAssemblies = TestReferences.None;
        Configure(test);
        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    private static void Configure<TVerifier>(AnalyzerTest<TVerifier> test)
        where TVerifier : IVerifier, new()
    {
        test.TestState.AdditionalReferences.AddRange(TestReferences.All);

        // MG1007 is opt-in; the tests turn it on the way a user does.
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\ndotnet_diagnostic.MG1007.severity = warning\n"));
        if (test is CodeFixTest<TVerifier> fix)
        {
            // MG1001-MG1004 and MG1007 are reported at the compilation's end (they need the whole call graph), which the
            // testing library calls non-local; the IDE still offers their fixes.
            fix.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipLocalDiagnosticCheck;
            fix.FixedState.AdditionalReferences.AddRange(TestReferences.All);
            fix.BatchFixedState.AdditionalReferences.AddRange(TestReferences.All);
        }

        test.SolutionTransforms.Add((solution, projectId) =>
        {
            var options = (CSharpCompilationOptions)solution.GetProject(projectId)!.CompilationOptions!;
            var parse = (CSharpParseOptions)solution.GetProject(projectId)!.ParseOptions!;
            return solution
                .WithProjectCompilationOptions(projectId, options.WithNullableContextOptions(Microsoft.CodeAnalysis.NullableContextOptions.Disable))
                .WithProjectParseOptions(projectId, parse.WithLanguageVersion(LanguageVersion.Latest));
        });
    }
}
