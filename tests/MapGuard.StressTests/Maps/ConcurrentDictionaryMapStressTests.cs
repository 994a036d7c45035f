using MapGuard.StressTests.Suites;

namespace MapGuard.StressTests.Maps;

/// <summary>The reference: ConcurrentDictionary must pass every suite too, or the suite is wrong.</summary>
public sealed class ConcurrentDictionaryMapStressTests : MapStressSuite
{
    protected override IConcurrentMap<TKey, TValue> Create<TKey, TValue>() => new ConcurrentDictionaryMap<TKey, TValue>();
}
