using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MapGuard.Analyzers.Analysis;

/// <summary>
/// Decides whether a reference to a collection is mutated where it appears: the receiver of a mutating call
/// (<c>Add</c>, <c>Remove</c>, <c>Clear</c>, <c>Enqueue</c>, ...), a written indexer (<c>map[key] = value</c>,
/// <c>map[key]++</c>), or the collection argument of <c>CollectionExtensions</c> / <c>CollectionsMarshal</c> mutators.
/// Reads (<c>TryGetValue</c>, <c>ContainsKey</c>, <c>Count</c>, enumeration, an indexer read) are never mutations.
/// </summary>
/// <remarks>
/// A <c>List&lt;T&gt;</c> indexer write replaces one element and never resizes: like an array element write it cannot
/// corrupt the list, so it is not counted (distinct indexes written from <c>Parallel.For</c> are a common, safe idiom).
/// </remarks>
internal static class Mutations
{
    private static readonly ImmutableHashSet<string> s_mutatingMethods = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "Add",
        "AddRange",
        "Insert",
        "InsertRange",
        "Remove",
        "RemoveAt",
        "RemoveAll",
        "RemoveRange",
        "RemoveWhere",
        "Clear",
        "TryAdd",
        "Enqueue",
        "EnqueueRange",
        "Dequeue",
        "TryDequeue",
        "DequeueEnqueue",
        "EnqueueDequeue",
        "Push",
        "Pop",
        "TryPop",
        "Sort",
        "Reverse",
        "UnionWith",
        "IntersectWith",
        "ExceptWith",
        "SymmetricExceptWith",
        "TrimExcess",
        "EnsureCapacity",
        "AddFirst",
        "AddLast",
        "AddBefore",
        "AddAfter",
        "RemoveFirst",
        "RemoveLast",
        "Move",
        "SetValueAtIndex");

    private static readonly ImmutableHashSet<string> s_staticMutators = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "TryAdd",
        "Remove",
        "AddRange",
        "InsertRange",
        "GetValueRefOrAddDefault",
        "SetCount");

    /// <summary>
    /// The operation that mutates the collection <paramref name="reference"/> evaluates to (the call, or the assignment
    /// or increment of an indexer), or null when the reference is only read here. <paramref name="reference"/> must have a non-thread-safe collection type.
    /// </summary>
    public static IOperation? MutationOf(IOperation reference, KnownSymbols known)
    {
        IOperation self = reference;
        IOperation? parent = reference.Parent;
        while (parent is IConversionOperation { IsImplicit: true })
        {
            self = parent;
            parent = parent.Parent;
        }

        switch (parent)
        {
            case IInvocationOperation invocation when invocation.Instance == self:
                return !invocation.TargetMethod.IsStatic && s_mutatingMethods.Contains(invocation.TargetMethod.Name) ? invocation : null;

            case IArgumentOperation { Parent: IInvocationOperation invocation, Parameter.Ordinal: 0 }
                when invocation.TargetMethod.IsStatic
                    && s_staticMutators.Contains(invocation.TargetMethod.Name)
                    && (KnownSymbols.Is(invocation.TargetMethod.ContainingType, known.CollectionExtensions)
                        || KnownSymbols.Is(invocation.TargetMethod.ContainingType, known.CollectionsMarshal)):
                return invocation;

            case IPropertyReferenceOperation property when property.Instance == self && IsWritten(property):
                if (property.Property.IsIndexer)
                {
                    return KnownSymbols.Is(property.Property.ContainingType, known.List) ? null : property.Parent;
                }

                return property.Property.Name == "Capacity" ? property.Parent : null;

            default:
                return null;
        }
    }

    /// <summary>True when <paramref name="operation"/> is the target of an assignment, compound assignment or increment.</summary>
    public static bool IsWritten(IOperation operation)
    {
        IOperation? parent = operation.Parent;
        return parent switch
        {
            IAssignmentOperation assignment => assignment.Target == operation,
            IIncrementOrDecrementOperation => true,
            IArgumentOperation argument => argument.Parameter is { RefKind: RefKind.Ref or RefKind.Out },
            _ => false,
        };
    }

    /// <summary>Strips implicit conversions.</summary>
    public static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary>Strips every conversion, explicit ones too.</summary>
    public static IOperation UnwrapAll(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }
}
