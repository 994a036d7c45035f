using Microsoft.CodeAnalysis;

namespace MapGuard.Analyzers.Analysis;

/// <summary>
/// One access to a shared collection field that holds no lock where it stands, kept until the compilation ends, when
/// the call graph is complete and can say whether the callers of its method protect it.
/// </summary>
internal sealed class StateAccess
{
    public StateAccess(ISymbol member, ITypeSymbol type, Location location, IMethodSymbol? method, bool nested, HeldLock? held, bool stored = false)
    {
        Stored = stored;
        Member = member;
        Type = type;
        Location = location;
        Method = method;
        Nested = nested;
        Lock = held;
    }

    /// <summary>The field or auto-property.</summary>
    public ISymbol Member { get; }

    public ITypeSymbol Type { get; }

    public Location Location { get; }

    /// <summary>The method the access is written in, or null for an initializer or accessor.</summary>
    public IMethodSymbol? Method { get; }

    /// <summary>True when the access sits in a lambda or local function, which may run after its method returns.</summary>
    public bool Nested { get; }

    /// <summary>
    /// True when the access sits in a lambda or anonymous method that is stored rather than run or handed to a call:
    /// returned, assigned, or subscribed to an event. When it runs, and under which lock, is unknown.
    /// </summary>
    public bool Stored { get; }

    /// <summary>The lock held right where the access is, when one is.</summary>
    public HeldLock? Lock { get; }

    /// <summary>
    /// Where this access is unprotected: nowhere (an empty list) when a lock is held here or by every caller, or when
    /// it runs only at set-up; its own location when no caller protects it; the unprotected call sites when only some do.
    /// <paramref name="callerLock"/> is a lock the protected callers hold, when the protection is a lock.
    /// </summary>
    public IReadOnlyList<Location> Unprotected(CallGraph graph, out HeldLock? callerLock) => Unprotected(graph, out callerLock, out _);

    /// <summary>
    /// As <see cref="Unprotected(CallGraph, out HeldLock?)"/>; <paramref name="witness"/> is a lock that protects this
    /// access and guards the state's own instance (<see cref="HeldLock.GuardsThisInstance"/>), held here or by callers
    /// that call on <c>this</c>: the evidence MG1004 needs that the author treats the state as shared.
    /// </summary>
    public IReadOnlyList<Location> Unprotected(CallGraph graph, out HeldLock? callerLock, out HeldLock? witness)
    {
        witness = Lock is { GuardsThisInstance: true } ? Lock : null;
        callerLock = Lock;
        if (Lock is not null)
        {
            return [];
        }

        if (Method is null)
        {
            return [Location];
        }

        if (Nested)
        {
            return TestFrameworks.IsSerialised(Method) ? [] : [Location];
        }

        if (graph.IsSetUp(Method) || CallerHoldsTheLockByName(Method))
        {
            return [];
        }

        Coverage coverage = graph.CoverageOf(Method, Member.ContainingType, Member.IsStatic);
        callerLock = coverage.Lock;
        witness = coverage.Witness;
        return coverage.Kind switch
        {
            CoverageKind.Partial => coverage.Unprotected,
            CoverageKind.None => [Location],
            _ => [],
        };
    }

    /// <summary>
    /// True for a method whose name says its caller holds the lock, the convention of dotnet/runtime's
    /// <c>...Locked</c> helpers: <c>AddLocked</c>, <c>RemoveUnderLock</c>, <c>AddOrUpdateWithoutTakingLock</c>,
    /// <c>ClearNoLock</c>, <c>ResizeWithoutLock</c>. Like a <c>[GuardedBy]</c> method, its body is the caller's business.
    /// </summary>
    public static bool CallerHoldsTheLockByName(IMethodSymbol method)
    {
        string name = method.MethodKind is MethodKind.PropertyGet or MethodKind.PropertySet && method.AssociatedSymbol is { } property ? property.Name : method.Name;
        return name.EndsWith("Locked", StringComparison.Ordinal) && !name.EndsWith("Unlocked", StringComparison.Ordinal)
            || name.EndsWith("UnderLock", StringComparison.Ordinal)
            || name.EndsWith("NoLock", StringComparison.Ordinal)
            || name.EndsWith("WithoutLock", StringComparison.Ordinal)
            || name.EndsWith("WithoutTakingLock", StringComparison.Ordinal)
            || name.EndsWith("WithoutLocking", StringComparison.Ordinal);
    }
}
