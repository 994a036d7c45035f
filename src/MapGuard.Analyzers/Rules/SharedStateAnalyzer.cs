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
/// <item>MG1004: a field mutated under a lock somewhere and without one elsewhere. Reported when the type ends.</item>
/// <item>MG1003: a field of a class registered with <c>AddSingleton</c> (any overload) or <c>AddHostedService</c> anywhere
/// in the compilation, mutated outside a lock and never under one. Reported when the compilation ends.</item>
/// </list>
/// Constructors and initializers are exempt; so are members marked <c>[GuardedBy]</c>, which MG1005 enforces. A type
/// that is neither registered as a singleton nor locks anywhere is taken as never shared, and is not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SharedStateAnalyzer : DiagnosticAnalyzer
{
    /*
     * Concurrency: actions run in parallel. Per type, mutations go to a ConcurrentBag read once at the type's end; per
     *   compilation, registrations go to a ConcurrentDictionary and never-locked mutations to a ConcurrentBag, read once
     *   at the compilation's end (after every other action has finished).
     * References: Error Prone's GuardedBy checker and FindBugs' IS2_INCONSISTENT_SYNC ("inconsistent synchronization")
     *   for MG1004.
     */

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        [Descriptors.InconsistentLocking, Descriptors.SingletonCollectionMutated];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var known = KnownSymbols.Create(start.Compilation);
            var registrations = new Registrations();
            var unlockedOnly = new ConcurrentBag<Mutation>();
            start.RegisterOperationAction(c => registrations.Record((IInvocationOperation)c.Operation), OperationKind.Invocation);
            start.RegisterSymbolStartAction(
                symbolStart =>
                {
                    var type = (INamedTypeSymbol)symbolStart.Symbol;
                    var mutations = new ConcurrentBag<Mutation>();
                    symbolStart.RegisterOperationAction(c => Collect(c, type, known, mutations), OperationKind.FieldReference, OperationKind.PropertyReference);
                    symbolStart.RegisterSymbolEndAction(end => ReportType(end, mutations, unlockedOnly));
                },
                SymbolKind.NamedType);
            start.RegisterCompilationEndAction(end => ReportSingletons(end, registrations, unlockedOnly));
        });
    }

    private static void Collect(OperationAnalysisContext context, INamedTypeSymbol type, KnownSymbols known, ConcurrentBag<Mutation> mutations)
    {
        if (SharedMember.Of(context.Operation) is not { } shared
            || shared.Member.IsStatic
            || !shared.ThroughThis
            || !SymbolEqualityComparer.Default.Equals(shared.Member.ContainingType, type)
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

        mutations.Add(new Mutation(shared.Member, shared.Type, mutation.Syntax.GetLocation(), held));
    }

    private static void ReportType(SymbolAnalysisContext context, ConcurrentBag<Mutation> mutations, ConcurrentBag<Mutation> unlockedOnly)
    {
        foreach (IGrouping<ISymbol, Mutation> member in mutations.GroupBy(m => m.Member, SymbolEqualityComparer.Default))
        {
            Mutation? locked = member.FirstOrDefault(m => m.Lock is not null);
            if (locked is null)
            {
                foreach (Mutation mutation in member)
                {
                    unlockedOnly.Add(mutation);
                }

                continue;
            }

            HeldLock held = locked.Lock!.Value;
            ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Collection, member.Key.Name);
            if (held.Symbol is IFieldSymbol lockField && held.Receiver.Kind is ReceiverKind.This or ReceiverKind.Static)
            {
                properties = properties.Add(DiagnosticProperties.LockField, lockField.Name);
            }

            foreach (Mutation mutation in member.Where(m => m.Lock is null).OrderBy(m => m.Location.SourceSpan.Start))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.InconsistentLocking,
                    mutation.Location,
                    properties,
                    member.Key.Name,
                    held.Expression.Syntax.ToString()));
            }
        }
    }

    private static void ReportSingletons(CompilationAnalysisContext context, Registrations registrations, ConcurrentBag<Mutation> unlockedOnly)
    {
        foreach (Mutation mutation in unlockedOnly)
        {
            if (registrations.RegisteredWith(mutation.Member.ContainingType) is { } method)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.SingletonCollectionMutated,
                    mutation.Location,
                    ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Collection, mutation.Member.Name),
                    mutation.Member.Name,
                    KnownSymbols.Describe(mutation.Type),
                    mutation.Member.ContainingType.Name,
                    method));
            }
        }
    }

    private sealed class Mutation
    {
        public Mutation(ISymbol member, ITypeSymbol type, Location location, HeldLock? held)
        {
            Member = member;
            Type = type;
            Location = location;
            Lock = held;
        }

        public ISymbol Member { get; }

        public ITypeSymbol Type { get; }

        public Location Location { get; }

        public HeldLock? Lock { get; }
    }
}
