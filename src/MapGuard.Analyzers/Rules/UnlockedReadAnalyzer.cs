using System.Collections.Concurrent;
using System.Collections.Immutable;
using MapGuard.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MapGuard.Analyzers.Rules;

/// <summary>
/// MG1007 (opt-in): a non-thread-safe collection field (static, or an instance field read through <c>this</c>) whose
/// every write holds a lock is read here without one: the double-checked lookup
/// (<c>if (s_cache.TryGetValue(k, out v)) return v; lock (s_gate) { s_cache[k] = ...; }</c>). A <c>Dictionary</c> read
/// while another thread resizes it can loop forever, throw, or return another key's value. Reads are calls on the
/// collection that do not mutate it (<c>TryGetValue</c>, <c>ContainsKey</c>, ...), its properties (but <c>Count</c>,
/// <c>Capacity</c> and <c>Comparer</c>, one-field reads) and indexer reads, <c>foreach</c> over it, and LINQ over it.
/// A <c>Hashtable</c> is never reported: it is documented safe for many readers beside one writer. Not reported: collections with a write outside any lock (MG1002-MG1004
/// own those), reads in constructors, initializers and set-up code, reads whose every caller holds a lock, and fields
/// never written after construction. Reported when the compilation ends; disabled unless configured.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnlockedReadAnalyzer : DiagnosticAnalyzer
{
    /*
     * Concurrency: actions run in parallel; accesses go to a ConcurrentBag read once at the compilation's end.
     * References: FindBugs' IS2_INCONSISTENT_SYNC counts unsynchronised reads of a field written under a lock; the
     *   torn read of a resizing Dictionary is the hazard its docs describe ("a Dictionary can support multiple readers
     *   concurrently, as long as the collection is not modified").
     */

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.UnlockedRead];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze); // facts from generated code (its calls, locks, mutations) count; reports there are dropped
        context.RegisterCompilationStartAction(start =>
        {
            var known = KnownSymbols.Create(start.Compilation);
            var graph = CallGraph.Register(start, known);
            var writes = new ConcurrentBag<StateAccess>();
            var reads = new ConcurrentBag<StateAccess>();
            start.RegisterOperationAction(c => Collect(c, known, writes, reads), OperationKind.FieldReference, OperationKind.PropertyReference);
            start.RegisterCompilationEndAction(end => Report(end, graph, writes, reads));
        });
    }

    private static void Collect(OperationAnalysisContext context, KnownSymbols known, ConcurrentBag<StateAccess> writes, ConcurrentBag<StateAccess> reads)
    {
        if (SharedMember.Of(context.Operation) is not { } shared
            || (!shared.Member.IsStatic && !(shared.ThroughThis && SymbolEqualityComparer.Default.Equals(shared.Member.ContainingType, context.ContainingSymbol.ContainingType)))
            || !known.IsUnsafeCollection(shared.Type)
            || shared.IsInitialization(context.Operation, context.ContainingSymbol)
            || known.HasGuardedBy(shared.Member))
        {
            return;
        }

        IOperation? mutation = Mutations.MutationOf(context.Operation, known);
        if (mutation is null && IsSafeToReadBesideOneWriter(shared.Type))
        {
            return;
        }

        IOperation? access = mutation ?? ReadOf(context.Operation);
        if (access is null || (mutation is null && Documentation.SaysNotThreadSafe(context.ContainingSymbol)))
        {
            return; // no access, or a read in a member whose documentation says it is not thread-safe
        }

        HeldLock? held = null;
        foreach (HeldLock candidate in Locks.HeldAt(access, known, crossFunctions: true))
        {
            if (candidate.AllowsMutation || (mutation is null && candidate.Mode is LockMode.Read or LockMode.Upgradeable))
            {
                held = candidate;
                break;
            }
        }

        var found = new StateAccess(shared.Member, shared.Type, access.Syntax.GetLocation(), context.ContainingSymbol as IMethodSymbol, SharedMember.InNestedFunction(access), held);
        (mutation is null ? reads : writes).Add(found);
    }

    /// <summary>
    /// True for <c>System.Collections.Hashtable</c>, which its documentation makes safe for many readers beside one
    /// writer (the idiom Dapper and Serilog use: unlocked lookups, writes under a lock).
    /// </summary>
    private static bool IsSafeToReadBesideOneWriter(ITypeSymbol type)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (current.ToDisplayString() == "System.Collections.Hashtable")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The operation that reads the collection <paramref name="reference"/> evaluates to, or null.</summary>
    private static IOperation? ReadOf(IOperation reference)
    {
        IOperation self = reference;
        IOperation? parent = reference.Parent;
        while (parent is IConversionOperation { IsImplicit: true })
        {
            self = parent;
            parent = parent.Parent;
        }

        return parent switch
        {
            IInvocationOperation invocation when invocation.Instance == self => invocation,
            // Count, Capacity and Comparer read one field: a stale value, never a torn collection.
            IPropertyReferenceOperation { Property.Name: "Count" or "Capacity" or "Comparer" } => null,
            IPropertyReferenceOperation property when property.Instance == self => property,
            IForEachLoopOperation loop when loop.Collection == self => self,
            IArgumentOperation { Parent: IInvocationOperation { TargetMethod.IsExtensionMethod: true } invocation, Parameter.Ordinal: 0 } => invocation,
            _ => null,
        };
    }

    private static void Report(CompilationAnalysisContext context, CallGraph graph, ConcurrentBag<StateAccess> writes, ConcurrentBag<StateAccess> reads)
    {
        ILookup<ISymbol, StateAccess> readsOf = reads.ToLookup(r => r.Member, SymbolEqualityComparer.Default);
        foreach (IGrouping<ISymbol, StateAccess> member in writes.GroupBy(w => w.Member, SymbolEqualityComparer.Default))
        {
            HeldLock? witness = null;
            bool allProtected = true;
            foreach (StateAccess write in member)
            {
                allProtected &= write.Unprotected(graph, out HeldLock? held).Count == 0;
                if (held is { Conditional: false })
                {
                    witness ??= held; // a lock taken only in some configurations protects, but shows no sharing
                }
            }

            if (!allProtected || witness is not { } lockHeld)
            {
                continue;
            }

            ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Collection, member.Key.Name);
            if (lockHeld.Symbol is IFieldSymbol lockField && lockHeld.Receiver.Kind is ReceiverKind.This or ReceiverKind.Static)
            {
                properties = properties.Add(DiagnosticProperties.LockField, lockField.Name);
            }

            if (member.Key.IsStatic)
            {
                properties = properties.Add(DiagnosticProperties.StaticLock, "true");
            }

            var reported = new HashSet<Location>();
            foreach (StateAccess read in readsOf[member.Key].OrderBy(r => r.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(r => r.Location.SourceSpan.Start))
            {
                foreach (Location location in read.Unprotected(graph, out _))
                {
                    if (reported.Add(location))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(
                            Descriptors.UnlockedRead,
                            location,
                            properties,
                            member.Key.Name,
                            KnownSymbols.Describe(read.Type),
                            lockHeld.Expression.Syntax.ToString(),
                            Descriptors.Via(location, read)));
                    }
                }
            }
        }
    }
}
