using MapGuard.Testing.Migration;
using MapGuard.Tests.Conformance;

namespace MapGuard.Tests.Maps;

/// <summary>The conformance suite on a <see cref="MigratingMap{TKey, TValue}"/> (ConcurrentDictionaryMap to LockFreeMap) held in one phase.</summary>
public abstract class MigratingMapSuite : ConcurrentMapSuite
{
    /// <summary>Gets the phase the map is moved to before each test.</summary>
    protected abstract MigrationPhase Phase { get; }

    protected override IConcurrentMap<TKey, TValue> Create<TKey, TValue>(IEqualityComparer<TKey>? comparer = null) =>
        MigratingMaps.InPhase<TKey, TValue>(Phase, comparer);
}
