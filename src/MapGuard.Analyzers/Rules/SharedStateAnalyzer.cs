using System.Collections.Concurrent;
using System.Collections.Immutable;
using MapGuard.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MapGuard.Analyzers.Rules;

/// <summary>
/// MG1004 and MG1003, over the instance collection fields (and auto-properties) of each type, touched through
/// <c>this</c> in the type's own code.
/// <list type="bullet">
/// <item>MG1004: a field mutated under a lock of its own instance somewhere (<see cref="HeldLock.GuardsThisInstance"/>,
/// the evidence that the author treats it as shared) and without a lock elsewhere. Mutations in stored lambdas are not
/// judged.</item>
/// <item>MG1003: a field of a class registered with <c>AddSingleton</c> (any overload) or <c>AddHostedService</c> anywhere
/// in the compilation, mutated outside a lock and never under any.</item>
/// </list>
/// A mutation counts as locked when a lock is held where it stands or when every caller of its private or internal
/// method holds one (<see cref="CallGraph"/>); when only some callers do, the others' call sites are reported instead.
/// Exempt: constructors, initializers, helpers called only from the constructor before <c>this</c> escapes, code that
/// runs only at configuration time or in test set-up, and members marked <c>[GuardedBy]</c>, which MG1005 enforces. A type
/// that is neither registered as a singleton nor locks anywhere is taken as never shared, and is not reported. Both are
/// reported when the compilation ends, once the call graph and the registrations are complete.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SharedStateAnalyzer : DiagnosticAnalyzer
{
    /*
     * Concurrency: actions run in parallel. Mutations go to a ConcurrentBag, registrations and the call graph to
     *   ConcurrentDictionaries, all read once at the compilation's end (after every other action has finished).
     * References: Error Prone's GuardedBy checker and FindBugs' IS2_INCONSISTENT_SYNC ("inconsistent synchronization")
     *   for MG1004; RacerD (Blackshear et al., OOPSLA 2018) for judging a private method by the locks of its callers.
     */

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        [Descriptors.InconsistentLocking, Descriptors.SingletonCollectionMutated];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze); // facts from generated code (its calls, locks, mutations) count; reports there are dropped
        context.RegisterCompilationStartAction(start =>
        {
            var known = KnownSymbols.Create(start.Compilation);
            var registrations = new Registrations();
            var graph = CallGraph.Register(start, known);
            var mutations = new ConcurrentBag<StateAccess>();
            start.RegisterOperationAction(c => registrations.Record((IInvocationOperation)c.Operation), OperationKind.Invocation);
            start.RegisterOperationAction(c => Collect(c, known, mutations), OperationKind.FieldReference, OperationKind.PropertyReference);
            start.RegisterCompilationEndAction(end => Report(end, graph, registrations, mutations));
        });
    }

    private static void Collect(OperationAnalysisContext context, KnownSymbols known, ConcurrentBag<StateAccess> mutations)
    {
        if (SharedMember.Of(context.Operation) is not { } shared
            || shared.Member.IsStatic
            || !shared.ThroughThis
            || !SymbolEqualityComparer.Default.Equals(shared.Member.ContainingType, context.ContainingSymbol.ContainingType)
            || !known.IsUnsafeCollection(shared.Type)
            || Mutations.MutationOf(context.Operation, known) is not { } mutation
            || shared.IsInitialization(context.Operation, context.ContainingSymbol)
            || known.HasGuardedBy(shared.Member))
        {
            return;
        }

        HeldLock? held = null;
        foreach (HeldLock candidate in Locks.HeldAt(mutation, known, crossFunctions: true))
        {
            if (candidate.AllowsMutation)
            {
                held = candidate;
                break;
            }
        }

        mutations.Add(new StateAccess(
            shared.Member,
            shared.Type,
            mutation.Syntax.GetLocation(),
            context.ContainingSymbol as IMethodSymbol,
            SharedMember.InNestedFunction(mutation),
            held,
            InStoredFunction(mutation)));
    }

    /// <summary>
    /// True when <paramref name="operation"/> sits in a lambda or anonymous method that is kept for later rather than
    /// passed to a call: returned, assigned to a field, property or local, or subscribed to an event. The code that
    /// eventually invokes it, and the locks held then, are out of sight; a lambda handed to a call (<c>Task.Run</c>,
    /// <c>ForEach</c>, a constructor) is judged as it stands.
    /// </summary>
    private static bool InStoredFunction(IOperation operation)
    {
        for (IOperation? parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is not IAnonymousFunctionOperation lambda)
            {
                continue;
            }

            IOperation use = lambda;
            while (use.Parent is IDelegateCreationOperation or IConversionOperation or IParenthesizedOperation)
            {
                use = use.Parent;
            }

            if (use.Parent is IReturnOperation or ISimpleAssignmentOperation or IVariableInitializerOperation
                or IFieldInitializerOperation or IPropertyInitializerOperation or IEventAssignmentOperation)
            {
                return true;
            }
        }

        return false;
    }

    private static void Report(CompilationAnalysisContext context, CallGraph graph, Registrations registrations, ConcurrentBag<StateAccess> mutations)
    {
        var reported = new HashSet<(Location, string)>();
        foreach (IGrouping<ISymbol, StateAccess> member in mutations.GroupBy(m => m.Member, SymbolEqualityComparer.Default))
        {
            HeldLock? witness = null;
            bool anyLock = false;
            var unprotected = new List<(Location Location, StateAccess Access)>();
            foreach (StateAccess access in member.OrderBy(a => a.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(a => a.Location.SourceSpan.Start))
            {
                IReadOnlyList<Location> locations = access.Unprotected(graph, out HeldLock? held, out HeldLock? own);
                witness ??= own;
                anyLock |= held is not null;
                unprotected.AddRange(locations.Select(l => (l, access)));
            }

            // MG1004 needs evidence that the author treats this instance's field as shared: a mutation under a lock of
            // the same instance (or a global one). A lock on another object, or one taken only in some configurations,
            // protects the code it covers but says nothing about this field. A mutation in a stored lambda is not
            // judged: when it runs, and under which lock, is unknown.
            if (witness is { } lockHeld)
            {
                unprotected.RemoveAll(u => u.Access.Stored);
                ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Collection, member.Key.Name);
                if (lockHeld.Symbol is IFieldSymbol lockField && lockHeld.Receiver.Kind is ReceiverKind.This or ReceiverKind.Static)
                {
                    properties = properties.Add(DiagnosticProperties.LockField, lockField.Name);
                }

                foreach ((Location location, StateAccess access) in unprotected)
                {
                    if (reported.Add((location, member.Key.Name)))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(
                            Descriptors.InconsistentLocking,
                            location,
                            properties,
                            member.Key.Name,
                            lockHeld.Expression.Syntax.ToString(),
                            Descriptors.Via(location, access)));
                    }
                }

                continue;
            }

            if (anyLock || registrations.RegisteredWith(member.Key.ContainingType) is not { } method)
            {
                continue;
            }

            foreach ((Location location, StateAccess access) in unprotected)
            {
                if (reported.Add((location, member.Key.Name)))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.SingletonCollectionMutated,
                        location,
                        ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Collection, member.Key.Name),
                        member.Key.Name,
                        KnownSymbols.Describe(access.Type),
                        member.Key.ContainingType.Name,
                        method,
                        Descriptors.Via(location, access)));
                }
            }
        }
    }
}
