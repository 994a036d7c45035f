using System.Collections.Concurrent;
using System.Collections.Immutable;
using MapGuard.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MapGuard.Analyzers.Rules;

/// <summary>
/// MG1005 and MG1006: the <c>[GuardedBy("_lock")]</c> contract (MapGuard.GuardedByAttribute).
/// <list type="bullet">
/// <item>MG1005: reading or writing a guarded field or property, or calling a guarded method, without the named lock
/// held on the same object. With a <c>ReaderWriterLockSlim</c>, a read needs the read, upgradeable or write lock; a write
/// (assignment, collection mutation, call of a guarded method) needs the write lock. A lambda or local function does
/// not inherit the lock around it. Exempt: <c>nameof</c>, initializers, the instance's own constructors, the static
/// constructor for static members, and the body of a member that is itself <c>[GuardedBy]</c> the same lock (its
/// callers hold it).</item>
/// <item>MG1006: the named lock does not exist, is not a field, is not readonly, is a value type, or is an instance
/// field guarding a static member.</item>
/// </list>
/// Modelled on Clang's thread-safety analysis (<c>GUARDED_BY</c>, <c>REQUIRES</c>) and Error Prone's <c>@GuardedBy</c> checker.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GuardedByAnalyzer : DiagnosticAnalyzer
{
    /*
     * Concurrency: actions run in parallel; the per-compilation cache of parsed [GuardedBy] contracts is a
     *   ConcurrentDictionary (a racing duplicate parse is harmless: both results are equal).
     * References: Clang thread-safety analysis (Hutchins et al., "C/C++ Thread Safety Analysis", SCAM 2014) for
     *   GUARDED_BY/REQUIRES; Error Prone's @GuardedBy checker and JCIP's annotation (Goetz et al.) for the Java form.
     */

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        [Descriptors.GuardedByNotHeld, Descriptors.GuardedByInvalidLock];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze); // facts from generated code (its calls, locks, mutations) count; reports there are dropped
        context.RegisterCompilationStartAction(start =>
        {
            var known = KnownSymbols.Create(start.Compilation);
            if (known.GuardedByAttribute is not { } attribute)
            {
                return;
            }

            var guards = new ConcurrentDictionary<ISymbol, Guard?>(SymbolEqualityComparer.Default);
            Guard? GuardOf(ISymbol member) => guards.GetOrAdd(member.OriginalDefinition, m => Guard.Of(m, attribute, start.CancellationToken));

            start.RegisterSymbolAction(
                c =>
                {
                    if (GuardOf(c.Symbol) is { Error: { } error } guard)
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Descriptors.GuardedByInvalidLock, guard.Location, guard.LockName, c.Symbol.Name, error));
                    }
                },
                SymbolKind.Field,
                SymbolKind.Property,
                SymbolKind.Method);
            start.RegisterOperationAction(
                c => Analyze(c, known, GuardOf),
                OperationKind.FieldReference,
                OperationKind.PropertyReference,
                OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, KnownSymbols known, Func<ISymbol, Guard?> guardOf)
    {
        IOperation operation = context.Operation;
        (ISymbol? member, IOperation? instance) = operation switch
        {
            IFieldReferenceOperation field => (field.Field, field.Instance),
            IPropertyReferenceOperation property => (property.Property, property.Instance),
            IInvocationOperation invocation => (invocation.TargetMethod, invocation.Instance),
            _ => ((ISymbol?)null, (IOperation?)null),
        };

        if (member is null || guardOf(member) is not { LockField: { } lockField } guard || InNameOf(operation))
        {
            return;
        }

        if (!SharedMember.InNestedFunction(operation) && IsExempt(operation, member, instance, lockField, context.ContainingSymbol, guardOf))
        {
            return;
        }

        bool write = operation is IInvocationOperation
            || Mutations.IsWritten(operation)
            || (known.IsUnsafeCollection(operation.Type) && Mutations.MutationOf(operation, known) is not null);
        ReceiverId receiver = ReceiverId.Of(instance);
        bool readLockOnly = false;
        foreach (HeldLock held in Locks.HeldAt(operation, known, crossFunctions: false))
        {
            if (!SymbolEqualityComparer.Default.Equals(held.Symbol, lockField) || (!lockField.IsStatic && !held.Receiver.Equals(receiver)))
            {
                continue;
            }

            if (held.AllowsMutation || !write)
            {
                return;
            }

            readLockOnly = true;
        }

        string detail = readLockOnly
            ? " (a read lock is held, but this is a write)"
            : SharedMember.InNestedFunction(operation) && Locks.HeldAt(operation, known, crossFunctions: true).Any(h => SymbolEqualityComparer.Default.Equals(h.Symbol, lockField))
                ? " (the lock around the lambda does not cover it: it may run later)"
                : "";
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.GuardedByNotHeld, operation.Syntax.GetLocation(), member.Name, guard.LockName, detail));
    }

    private static bool IsExempt(IOperation operation, ISymbol member, IOperation? instance, IFieldSymbol lockField, ISymbol containingSymbol, Func<ISymbol, Guard?> guardOf)
    {
        if (containingSymbol is IFieldSymbol or IPropertySymbol)
        {
            return true; // an initializer
        }

        if (containingSymbol is not IMethodSymbol method)
        {
            return false;
        }

        bool throughThis = instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };
        if (!member.IsStatic && throughThis && method.MethodKind == MethodKind.Constructor && SharedMember.InheritsFrom(method.ContainingType, member.ContainingType))
        {
            return true;
        }

        if (member.IsStatic && method.MethodKind == MethodKind.StaticConstructor && SymbolEqualityComparer.Default.Equals(method.ContainingType, member.ContainingType))
        {
            return true;
        }

        // The body of a member that is itself [GuardedBy] the same lock: its callers hold it.
        ISymbol holder = method.AssociatedSymbol ?? method;
        return guardOf(holder) is { LockField: { } held }
            && SymbolEqualityComparer.Default.Equals(held, lockField)
            && (lockField.IsStatic || throughThis || instance is null);
    }

    private static bool InNameOf(IOperation operation)
    {
        for (IOperation? parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is INameOfOperation)
            {
                return true;
            }
        }

        return false;
    }
}
