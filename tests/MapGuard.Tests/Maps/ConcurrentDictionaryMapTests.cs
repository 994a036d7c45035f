using System.Collections.Concurrent;
using MapGuard.Tests.Conformance;

namespace MapGuard.Tests.Maps;

/// <summary>The reference row: ConcurrentDictionary itself, behind a pass-through adapter.</summary>
public sealed class ConcurrentDictionaryMapTests : ConcurrentMapSuite
{
    protected override IConcurrentMap<TKey, TValue> Create<TKey, TValue>(IEqualityComparer<TKey>? comparer = null) =>
        new ConcurrentDictionaryMap<TKey, TValue>(comparer);

    [Fact]
    public void Constructor_WrapsAnExistingDictionaryWithoutCopying()
    {
        var inner = new ConcurrentDictionary<string, int> { ["a"] = 1 };
        var map = new ConcurrentDictionaryMap<string, int>(inner);
        map["b"] = 2;
        Assert.Same(inner, map.Inner);
        Assert.Equal(2, inner["b"]);
        Assert.Equal(1, map["a"]);
    }

    [Fact]
    public void Constructor_WhenDictionaryIsNull_ThrowsNamingDictionary() =>
        Assert.Equal("dictionary", Assert.Throws<ArgumentNullException>(() => new ConcurrentDictionaryMap<string, int>((ConcurrentDictionary<string, int>)null!)).ParamName);
}
