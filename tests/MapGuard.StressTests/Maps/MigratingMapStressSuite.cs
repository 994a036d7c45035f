using MapGuard.StressTests.Suites;
using MapGuard.Testing.Migration;

namespace MapGuard.StressTests.Maps;

/// <summary>The stress and linearizability suite on a <see cref="MigratingMap{TKey, TValue}"/> held in one phase.</summary>
public abstract class MigratingMapStressSuite : MapStressSuite
{
    /// <summary>Gets the phase the map is moved to before each test.</summary>
    protected abstract MigrationPhase Phase { get; }

    // 16 stripes: the linearizability test builds hundreds of thousands of maps, and 3 keys need no more.
    protected override IConcurrentMap<TKey, TValue> Create<TKey, TValue>() => MigratingMaps.InPhase<TKey, TValue>(Phase, lockStripes: 16);
}
