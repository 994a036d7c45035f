using System.Collections.Immutable;
using MapGuard.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MapGuard.Analyzers.Rules;

/// <summary>
/// MG1002: a static non-thread-safe collection (field or auto-property) is mutated outside a lock. Exempt: the static
/// constructor of the declaring type, field and property initializers, <c>[ThreadStatic]</c> fields (one per thread),
/// <c>ThreadLocal&lt;T&gt;</c> (its <c>Value</c> is not a static collection), members marked <c>[GuardedBy]</c>
/// (MG1005 owns them), and any mutation inside a lock, including one taken around the enclosing lambda.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StaticCollectionAnalyzer : DiagnosticAnalyzer
{
    /*
     * Concurrency: stateless per operation; actions run in parallel (EnableConcurrentExecution).
     * References: the static-collection hazard is the one .NET's own docs warn about for Dictionary ("a Dictionary
     *   can support multiple readers concurrently, as long as the collection is not modified").
     */

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.StaticCollectionMutated];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var known = KnownSymbols.Create(start.Compilation);
            start.RegisterOperationAction(c => Analyze(c, known), OperationKind.FieldReference, OperationKind.PropertyReference);
        });
    }

    private static void Analyze(OperationAnalysisContext context, KnownSymbols known)
    {
        if (SharedMember.Of(context.Operation) is not { } shared
            || !shared.Member.IsStatic
            || !known.IsUnsafeCollection(shared.Type)
            || Mutations.MutationOf(context.Operation, known) is not { } mutation
            || shared.IsInitialization(context.Operation, context.ContainingSymbol)
            || IsThreadStatic(shared.Member, known)
            || known.HasGuardedBy(shared.Member)
            || Locks.AnyMutationLockHeld(mutation, known, crossFunctions: true))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.StaticCollectionMutated,
            mutation.Syntax.GetLocation(),
            ImmutableDictionary<string, string?>.Empty
                .Add(DiagnosticProperties.Collection, shared.Member.Name)
                .Add(DiagnosticProperties.StaticLock, "true"),
            shared.Member.Name,
            KnownSymbols.Describe(shared.Type)));
    }

    private static bool IsThreadStatic(ISymbol member, KnownSymbols known)
    {
        foreach (AttributeData attribute in member.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, known.ThreadStaticAttribute))
            {
                return true;
            }
        }

        return false;
    }
}
