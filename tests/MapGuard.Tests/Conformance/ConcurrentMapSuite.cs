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

    /// <summary>
    /// The share of the full iteration counts that the large tests run: 1 for in-process maps; a map behind a network
    /// round trip (RedisMap) overrides it with a smaller share so the suite stays within CI's time.
    /// </summary>
    protected virtual double WorkScale => 1.0;

    /// <summary>
    /// Whether the map honours any <see cref="IEqualityComparer{T}"/>. A map that compares keys elsewhere (RedisMap
    /// compares serialized bytes on the server) refuses custom comparers, and the comparer tests skip for it.
    /// </summary>
    protected virtual bool SupportsCustomComparers => true;

    /// <summary>
    /// Whether <c>GetOrAddOnce</c> gates each key on its own. A map that keeps <see cref="IConcurrentMap{TKey, TValue}"/>'s
    /// default (RedisMap) runs one factory at a time for the whole map, where a factory's call for its own key runs
    /// nested instead of throwing.
    /// </summary>
    protected virtual bool GatesEachKey => true;

    /// <summary><paramref name="full"/> scaled by <see cref="WorkScale"/>, at least 1.</summary>
    protected int Scaled(int full) => Math.Max(1, (int)(full * WorkScale));

    /// <summary>Skips the calling test when the map does not honour custom comparers.</summary>
    protected void SkipUnlessCustomComparers() =>
        Assert.SkipUnless(SupportsCustomComparers, $"{GetType().Name}: the map refuses custom key comparers (it compares keys by their serialized bytes).");
}
