using MapGuard.Internal;
using MapGuard.Testing.Flooding;

namespace MapGuard.Tests.Alternate;

/// <summary>
/// <c>GetAlternateLookup&lt;ReadOnlySpan&lt;char&gt;&gt;</c> on a string-keyed map: the same answers as string lookups,
/// in both hash modes (the unseeded fast hash, and the randomized one a flood switches to), <c>ConcurrentDictionary</c>'s
/// members and exceptions, and no allocation per lookup. Each map adds a subclass that forwards to its own
/// <c>AlternateLookup</c> type.
/// </summary>
public abstract class AlternateLookupSuite
{
    private const int Keys = 5_000;

    /// <summary>Creates an empty map of the type under test.</summary>
    protected abstract IConcurrentMap<string, int> Create(IEqualityComparer<string>? comparer = null);

    /// <summary>Gets the map's span lookup; false when its comparer does not support one.</summary>
    protected abstract bool TryGetLookup(IConcurrentMap<string, int> map, out SpanLookup lookup);

    /// <summary>Calls the map's <c>GetAlternateLookup&lt;ReadOnlySpan&lt;char&gt;&gt;()</c>.</summary>
    protected abstract void GetLookup(IConcurrentMap<string, int> map);

    /// <summary>Moves every key to where lock-free lookups find it (ReadMostlyMap promotes its dirty table); nothing by default.</summary>
    protected virtual void Settle(IConcurrentMap<string, int> map)
    {
    }

    /// <summary>Whether the map hashes strings with the randomized hash now.</summary>
    protected abstract bool HashIsRandomized(IConcurrentMap<string, int> map);

    [Fact]
    public void OnTheFastHash_EveryKey_IsFoundAsByItsString()
    {
        IConcurrentMap<string, int> map = Filled(Create());
        Assert.False(HashIsRandomized(map));
        AssertAgreesWithStringLookups(map);
    }

    [Fact]
    public void AfterAFloodSwitchesToTheRandomizedHash_EveryKey_IsFoundAsByItsString()
    {
        IConcurrentMap<string, int> map = Filled(Create());
        string[] attack = AdversarialKeys.StringsCollidingUnderFastStringHash(2_000);
        for (int i = 0; i < attack.Length; i++)
        {
            map[attack[i]] = -i - 1;
        }

        Settle(map);

        Assert.True(HashIsRandomized(map));
        AssertAgreesWithStringLookups(map);
        Assert.True(TryGetLookup(map, out SpanLookup lookup));
        foreach (string key in attack)
        {
            Assert.True(lookup.TryGetValue(Framed(key), out string? actual, out int value));
            Assert.Equal(key, actual);
            Assert.Equal(map[key], value);
        }
    }

    [Fact]
    public void ALookupThatMeetsAFlood_SwitchesToTheRandomizedHash_AsAStringLookupWould()
    {
        IConcurrentMap<string, int> map = Create();
        string[] attack = AdversarialKeys.StringsCollidingUnderFastStringHash(HashFloodMonitor.CollisionBound + 2);
        for (int i = 0; i <= HashFloodMonitor.CollisionBound; i++)
        {
            map[attack[i]] = i;
        }

        Settle(map);

        Assert.False(HashIsRandomized(map));
        Assert.True(TryGetLookup(map, out SpanLookup lookup));
        Assert.False(lookup.TryGetValue(Framed(attack[^1]), out _, out _)); // meets every stored key of its hash
        Assert.True(HashIsRandomized(map));
        for (int i = 0; i <= HashFloodMonitor.CollisionBound; i++)
        {
            Assert.True(lookup.TryGetValue(Framed(attack[i]), out _, out int value));
            Assert.Equal(i, value);
        }
    }

    [Fact]
    public void Writes_ActOnTheKeyEqualToTheSpan()
    {
        IConcurrentMap<string, int> map = Create();
        Assert.True(TryGetLookup(map, out SpanLookup lookup));

        Assert.True(lookup.TryAdd(Framed("apple"), 1));
        Assert.False(lookup.TryAdd(Framed("apple"), 2));
        Assert.Equal(1, map["apple"]);

        lookup.Write(Framed("apple"), 3);
        lookup.Write(Framed("pear"), 4);
        Assert.Equal(3, lookup.Read(Framed("apple")));
        Assert.Equal(4, map["pear"]);
        Assert.True(lookup.ContainsKey(Framed("pear")));

        Assert.True(lookup.TryRemove(Framed("pear"), out string? removedKey, out int removed));
        Assert.Equal(("pear", 4), (removedKey, removed));
        Assert.False(lookup.TryRemove(Framed("pear"), out _, out _));
        Assert.False(lookup.ContainsKey(Framed("pear")));
        Assert.False(map.ContainsKey("pear"));
        Assert.Throws<KeyNotFoundException>(() => lookup.Read("pear".AsSpan()));
        Assert.Equal(1, map.Count);
    }

    [Fact]
    public void UnderOrdinalIgnoreCase_ASpanFindsTheKeyInAnyCase()
    {
        IConcurrentMap<string, int> map = Create(StringComparer.OrdinalIgnoreCase);
        map["Key-One"] = 1;
        Assert.True(TryGetLookup(map, out SpanLookup lookup));
        Assert.True(lookup.TryGetValue(Framed("KEY-ONE"), out string? actual, out int value));
        Assert.Equal(("Key-One", 1), (actual, value));
        Assert.False(lookup.TryAdd(Framed("key-one"), 2));
    }

    [Fact]
    public void ForAComparerWithoutAnAlternate_TryGetReturnsFalseAndGetThrowsInvalidOperation()
    {
        IConcurrentMap<string, int> map = Create(new PlainComparer());
        Assert.False(TryGetLookup(map, out _));
        Assert.Throws<InvalidOperationException>(() => GetLookup(map));
    }

    [Fact]
    public void Lookups_AllocateNothing()
    {
        IConcurrentMap<string, int> map = Filled(Create());
        Assert.True(TryGetLookup(map, out SpanLookup lookup));
        char[] buffer = new char[64];
        string[] probes = [.. Enumerable.Range(0, 64).Select(i => Key(i * 37)), .. Enumerable.Range(0, 64).Select(i => $"absent-{i}")];
        int found = 0;
        for (int round = 0; round < 2; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            foreach (string probe in probes)
            {
                probe.CopyTo(buffer);
                ReadOnlySpan<char> span = buffer.AsSpan(0, probe.Length);
                found += lookup.TryGetValue(span, out _, out _) ? 1 : 0;
                found += lookup.ContainsKey(span) ? 1 : 0;
                found += lookup.TryAdd(span.Length > 0 && span[0] == 'k' ? span : "key-0".AsSpan(), 0) ? 1 : 0; // present: no key made
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (round == 1)
            {
                Assert.Equal(0, allocated); // the first round may JIT and fill caches
            }
        }

        Assert.Equal(2 * 2 * 64, found);
    }

    private static string Key(int i) => $"key-{i}";

    // The key's characters inside a larger buffer, so the span is never a whole string the map might hold.
    private static ReadOnlySpan<char> Framed(string key) => ("<<" + key + ">>").AsSpan(2, key.Length);

    private IConcurrentMap<string, int> Filled(IConcurrentMap<string, int> map)
    {
        for (int i = 0; i < Keys; i++)
        {
            map[Key(i)] = i;
        }

        Settle(map);
        return map;
    }

    private void AssertAgreesWithStringLookups(IConcurrentMap<string, int> map)
    {
        Assert.True(TryGetLookup(map, out SpanLookup lookup));
        for (int i = 0; i < Keys * 2; i++)
        {
            string key = Key(i); // keys at and past Keys are absent
            bool expected = map.TryGetValue(key, out int expectedValue);
            bool found = lookup.TryGetValue(Framed(key), out string? actual, out int value);
            Assert.Equal(expected, found);
            Assert.Equal(expected, lookup.ContainsKey(Framed(key)));
            if (expected)
            {
                Assert.Equal(expectedValue, value);
                Assert.Equal(key, actual);
            }
        }
    }

    /// <summary>An ordinal comparer that does not implement <see cref="IAlternateEqualityComparer{TAlternate, T}"/>.</summary>
    private sealed class PlainComparer : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

        public int GetHashCode(string obj) => obj.GetHashCode(StringComparison.Ordinal);
    }
}
