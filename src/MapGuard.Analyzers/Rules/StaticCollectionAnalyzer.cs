using System.Collections.Concurrent;
using System.Collections.Immutable;
using MapGuard.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MapGuard.Analyzers.Rules;

/// <summary>
/// MG1002: a static non-thread-safe collection (field or auto-property) is mutated outside a lock. Exempt: the static
/// constructor of the declaring type, field and property initializers, <c>[ThreadStatic]</c> fields (one per thread),
/// <c>ThreadLocal&lt;T&gt;</c> (its <c>Value</c> is not a static collection), members marked <c>[GuardedBy]</c>
/// (MG1005 owns them), any mutation inside a lock, including one taken around the enclosing lambda, and a mutation in a
/// method that its callers protect (<see cref="CallGraph"/>): a private or internal helper whose every call site holds
/// a lock, configuration-time and test set-up code. When only some call sites of the helper hold a lock, the
/// others are reported. Reported when the compilation ends, once the call graph is complete.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StaticCollectionAnalyzer : DiagnosticAnalyzer
{
    /*
     * Concurrency: actions run in parallel (EnableConcurrentExecution); unlocked mutations go to a ConcurrentBag and
     *   the call graph to ConcurrentDictionaries, read once at the compilation's end after every other action.
     * References: the static-collection hazard is the one .NET's own docs warn about for Dictionary ("a Dictionary
     *   can support multiple readers concurrently, as long as the collection is not modified").
     */

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.StaticCollectionMutated];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze); // facts from generated code (its calls, locks, mutations) count; reports there are dropped
        context.RegisterCompilationStartAction(start =>
        {
            var known = KnownSymbols.Create(start.Compilation);
            var graph = CallGraph.Register(start, known);
            var unlocked = new ConcurrentBag<StateAccess>();
            start.RegisterOperationAction(c => Collect(c, known, unlocked), OperationKind.FieldReference, OperationKind.PropertyReference);
            start.RegisterCompilationEndAction(end => Report(end, graph, unlocked));
        });
    }

    private static void Collect(OperationAnalysisContext context, KnownSymbols known, ConcurrentBag<StateAccess> unlocked)
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

        unlocked.Add(new StateAccess(
            shared.Member,
            shared.Type,
            mutation.Syntax.GetLocation(),
            context.ContainingSymbol as IMethodSymbol,
            SharedMember.InNestedFunction(mutation),
            held: null));
    }

    private static void Report(CompilationAnalysisContext context, CallGraph graph, ConcurrentBag<StateAccess> unlocked)
    {
        var reported = new HashSet<(Location, string)>();
        foreach (StateAccess access in unlocked.OrderBy(a => a.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(a => a.Location.SourceSpan.Start))
        {
            foreach (Location location in access.Unprotected(graph, out _))
            {
                if (!reported.Add((location, access.Member.Name)))
                {
                    continue;
                }

                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.StaticCollectionMutated,
                    location,
                    ImmutableDictionary<string, string?>.Empty
                        .Add(DiagnosticProperties.Collection, access.Member.Name)
                        .Add(DiagnosticProperties.StaticLock, "true"),
                    access.Member.Name,
                    KnownSymbols.Describe(access.Type),
                    Descriptors.Via(location, access)));
            }
        }
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
