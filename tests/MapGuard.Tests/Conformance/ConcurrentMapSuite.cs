namespace MapGuard.Tests.Conformance;

/// <summary>
/// The contract suite every map must pass: conformance, differential and exception-safety tests, generic over the
/// map through <see cref="Create{TKey, TValue}"/>. A map adds a subclass of a few lines under Maps/.
/// </summary>
public abstract partial class ConcurrentMapSuite
{
    /// <summary>Creates an empty map of the type under test.</summary>
    protected abstract IConcurrentMap<TKey, TValue> Create<TKey, TValue>(IEqualityComparer<TKey>? comparer = null)
        where TKey : notnull;
}
