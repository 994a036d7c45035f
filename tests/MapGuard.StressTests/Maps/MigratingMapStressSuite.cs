using MapGuard.StressTests.Suites;
using MapGuard.Testing.Migration;

namespace MapGuard.StressTests.Maps;

/// <summary>The stress and linearizability suite on a <see cref="MigratingMap{TKey, TValue}"/> held in one phase.</summary>
public abstract class MigratingMapStressSuite : MapStressSuite
{
    /// <summary>Gets the phase the map is moved to before each test.</summary>
    protected abstract MigrationPhase Phase { get; }

    // 4 stripes: the linearizability tests build hundreds of thousands of maps on keys 0-7, which need no more, and
    // the stress scenarios then contend on stripes too.
    protected override IConcurrentMap<TKey, TValue> Create<TKey, TValue>() => MigratingMaps.InPhase<TKey, TValue>(Phase, lockStripes: 4);
}
