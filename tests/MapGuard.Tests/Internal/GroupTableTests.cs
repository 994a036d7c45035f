using CsCheck;
using MapGuard.Internal;

namespace MapGuard.Tests.Internal;

/// <summary>
/// GroupTable, GuardedDictionary's storage, behaves as a <see cref="Dictionary{TKey, TValue}"/>: the same answer to
/// every call of a random sequence, the same enumerator rules, and nothing changed by an operation that throws.
/// </summary>
public sealed class GroupTableTests
{
    [Fact]
    public void RandomCallSequences_OnFewKeys_MatchADictionaryModel() =>
        RunDifferential(keys: 24, length: 600, iterations: 200, comparer: null);

    [Fact]
    public void RandomCallSequences_OnManyKeys_MatchADictionaryModel() =>
        RunDifferential(keys: 3_000, length: 20_000, iterations: 6, comparer: null);

    [Fact]
    public void RandomCallSequences_WithKeysSharingHashes_MatchADictionaryModel() =>
        // Twenty keys per hash code share a tag and a home group of 16 slots, so lookups run past their home group,
        // meet tombstones and take the full probe. (The table reports itself to HashFloodMonitor; nothing listens.)
        RunDifferential(keys: 800, length: 8_000, iterations: 10, comparer: new SharedHashComparer(20));

    [Fact]
    public void RemovingTheCurrentKeyDuringEnumeration_VisitsEveryKeyOnce()
    {
        var table = Filled(500);
        var seen = new List<int>();
        foreach (KeyValuePair<int, int> entry in EnumerateLive(table))
        {
            seen.Add(entry.Key);
            Assert.True(table.Remove(entry.Key));
        }

        Assert.Equal(Enumerable.Range(0, 500), seen.Order());
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void RemovingOtherKeysDuringEnumeration_NeverRepeatsOrSkipsAKeptKey()
    {
        var random = new Random(7);
        var table = Filled(2_000);
        var removed = new HashSet<int>();
        var seen = new List<int>();
        foreach (KeyValuePair<int, int> entry in EnumerateLive(table))
        {
            seen.Add(entry.Key);
            for (int i = 0; i < 3; i++)
            {
                int victim = random.Next(2_000);
                if (table.Remove(victim))
                {
                    removed.Add(victim);
                }
            }
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Empty(Enumerable.Range(0, 2_000).Where(key => !removed.Contains(key)).Except(seen));
    }

    [Fact]
    public void Enumerator_IsInvalidatedByNewKeysAndRebuildsOnly_AsADictionarysIs()
    {
        var table = Filled(10);
        var enumerator = table.GetEnumerator();
        Assert.True(enumerator.MoveNext());
        table.Set(3, 33); // overwrite
        table.Remove(4, out _);
        table.EnsureCapacity(5); // no rebuild
        Assert.True(enumerator.MoveNext());
        table.Clear();
        Assert.False(enumerator.MoveNext());

        enumerator = table.GetEnumerator();
        table.Add(1, 1);
        Assert.Throws<InvalidOperationException>(() => enumerator.MoveNext());

        enumerator = table.GetEnumerator();
        table.EnsureCapacity(1_000); // a rebuild
        Assert.Throws<InvalidOperationException>(() => enumerator.MoveNext());
    }

    [Fact]
    public void AThrowingGetHashCode_LeavesTheTableAsItWas_EvenDuringARebuild()
    {
        var comparer = new ThrowingComparer();
        var table = new GroupTable<int, int>(0, comparer);
        for (int key = 0; key < 100; key++)
        {
            table.Add(key, key);
        }

        int capacity = table.Capacity;
        comparer.ThrowOnHashOf = 42; // a stored key: the rebuild that the next new key forces rehashes it
        while (table.Count < capacity)
        {
            table.Add(table.Count, table.Count);
        }

        Assert.Throws<InvalidOperationException>(() => table.Add(-1, -1));
        Assert.Throws<InvalidOperationException>(() => table.EnsureCapacity(capacity * 4));

        Assert.Equal(capacity, table.Capacity);
        Assert.Equal(capacity, table.Count);
        comparer.ThrowOnHashOf = null;
        for (int key = 0; key < capacity; key++)
        {
            Assert.True(table.TryGetValue(key, out int value) && value == key);
        }

        Assert.False(table.TryGetValue(-1, out _));
    }

    [Fact]
    public void AThrowingEquals_LeavesTheTableAsItWas()
    {
        var comparer = new ThrowingComparer();
        var table = new GroupTable<int, int>(0, comparer);
        table.Add(1, 10);
        table.Add(2, 20);
        comparer.ThrowOnEquals = true;

        Assert.Throws<InvalidOperationException>(() => table.Set(1, 11));
        Assert.Throws<InvalidOperationException>(() => table.Remove(2, out _));
        comparer.ThrowOnEquals = false;
        Assert.Equal(2, table.Count);
        Assert.True(table.TryGetValue(1, out int one) && one == 10);
        Assert.True(table.TryGetValue(2, out int two) && two == 20);
    }

    [Fact]
    public void AddRemoveCycles_ReuseTheirSlots_InsteadOfGrowing()
    {
        var table = new GroupTable<int, int>(64, null);
        int capacity = table.Capacity;
        for (int key = 0; key < 100_000; key++)
        {
            table.Add(key, key);
            if (key >= 32)
            {
                Assert.True(table.Remove(key - 32, out int value) && value == key - 32);
            }
        }

        Assert.Equal(capacity, table.Capacity);
        Assert.Equal(32, table.Count);
        Assert.Equal(Enumerable.Range(100_000 - 32, 32), Enumerate(table).Select(entry => entry.Key).Order());
    }

    [Fact]
    public void Capacity_StartsAtZero_HoldsWhatWasAskedFor_AndTrimsBackToZero()
    {
        var table = new GroupTable<long, string>(0, null);
        Assert.Equal(0, table.Capacity);
        Assert.False(table.TryGetValue(5, out _));
        Assert.False(table.Remove(5, out _));

        Assert.True(table.EnsureCapacity(1_000) >= 1_000);
        Assert.True(new GroupTable<long, string>(1_000, null).Capacity >= 1_000);
        table.Set(1, "one");
        Assert.Throws<ArgumentOutOfRangeException>(() => table.TrimExcess(0));
        table.Clear();
        table.TrimExcess(0);
        Assert.Equal(0, table.Capacity);
        table.Set(2, "two");
        Assert.Equal("two", table.Get(2));
        Assert.Throws<ArgumentOutOfRangeException>("capacity", () => new GroupTable<int, int>(-1, null));
        Assert.Throws<ArgumentNullException>("key", () => new GroupTable<string, int>(0, null).Set(null!, 1));
    }

    [Fact]
    public void StringsThatCollideUnderTheUnrandomizedHash_MoveTheTableToTheRandomizedHash()
    {
        string[] colliding = CollidingStrings(40);
        ulong shared = KeyComparer<string>.OrdinalHash(colliding[0]);
        Assert.All(colliding, text => Assert.Equal(shared, KeyComparer<string>.OrdinalHash(text)));

        var table = new GroupTable<string, int>(0, null);
        table.Add("plain", -1);
        Assert.True(table.HasUnrandomizedStrings);
        for (int i = 0; i < colliding.Length; i++)
        {
            table.Add(colliding[i], i);
        }

        Assert.False(table.HasUnrandomizedStrings);
        Assert.Equal(colliding.Length + 1, table.Count);
        Assert.True(table.TryGetValue("plain", out int plain) && plain == -1);
        for (int i = 0; i < colliding.Length; i++)
        {
            Assert.True(table.TryGetValue(colliding[i], out int value) && value == i);
        }

        Assert.False(new GroupTable<string, int>(0, StringComparer.OrdinalIgnoreCase).HasUnrandomizedStrings);
    }

    /// <summary>
    /// Eight-character strings with one unrandomized hash. An eight-character string is two words of four characters,
    /// w0 and w1, and its hash is (a ^ w0) + (a ^ w1) * k + 8 with a = 33 * start (KeyComparer.OrdinalHash). Each j
    /// gives w1 = a ^ j and w0 = a ^ (t - j * k), so every sum is t + 8.
    /// </summary>
    private static string[] CollidingStrings(int count)
    {
        const ulong a = unchecked(33 * KeyComparer<string>.OrdinalHashStart);
        const ulong k = KeyComparer<string>.OrdinalHashCombine;
        const ulong t = 0x1234_5678_9ABC_DEF0UL;
        var strings = new string[count];
        for (ulong j = 1; j <= (ulong)count; j++)
        {
            ulong w0 = a ^ unchecked(t - (j * k));
            ulong w1 = a ^ j;
            strings[j - 1] = new string([.. Characters(w0), .. Characters(w1)]);
        }

        return strings;

        static char[] Characters(ulong word) => [(char)word, (char)(word >> 16), (char)(word >> 32), (char)(word >> 48)];
    }

    private static void RunDifferential(int keys, int length, int iterations, IEqualityComparer<int>? comparer)
    {
        Gen.Select(Gen.Int[0, 12], Gen.Int[0, keys - 1], Gen.Int[0, 3])
            .Array[length]
            .Sample(
                calls =>
                {
                    var table = new GroupTable<int, int>(0, comparer);
                    var model = new Dictionary<int, int>(comparer);
                    for (int step = 0; step < calls.Length; step++)
                    {
                        (int kind, int key, int value) = calls[step];
                        string at = $"step {step}: call {kind} on key {key} with {value}";
                        switch (kind)
                        {
                            case 0:
                                Assert.True(table.TryGetValue(key, out int got) == model.TryGetValue(key, out int want) && got == want, at);
                                break;
                            case 1:
                            case 2:
                                table.Set(key, value);
                                model[key] = value;
                                break;
                            case 3:
                                Assert.True(table.TryAdd(key, value) == model.TryAdd(key, value), at);
                                break;
                            case 4:
                            case 5:
                                Assert.True(table.Remove(key, out int removed) == model.Remove(key, out int modelRemoved) && removed == modelRemoved, at);
                                break;
                            case 6:
                                bool present = model.ContainsKey(key);
                                Exception? thrown = Record.Exception(() => table.Add(key, value));
                                Assert.True(present ? thrown is ArgumentException : thrown is null, at);
                                model.TryAdd(key, value);
                                break;
                            case 7:
                                Assert.True(table.Remove(key, value) == (model.TryGetValue(key, out int held) && held == value && model.Remove(key)), at);
                                break;
                            case 8:
                                Assert.True(table.ContainsValue(value) == model.ContainsValue(value), at);
                                Assert.True(table.Contains(key, value) == (model.TryGetValue(key, out int pair) && pair == value), at);
                                break;
                            case 9:
                                if (value == 0)
                                {
                                    table.Clear();
                                    model.Clear();
                                }
                                else
                                {
                                    table.TrimExcess(table.Count + value);
                                }

                                break;
                            case 10:
                                Assert.True(table.EnsureCapacity(key) >= key, at);
                                break;
                            case 11:
                                var copy = new KeyValuePair<int, int>[table.Count + 1];
                                table.CopyTo(copy, 1);
                                Assert.True(copy.Skip(1).OrderBy(entry => entry.Key).SequenceEqual(model.OrderBy(entry => entry.Key)), at);
                                break;
                            default:
                                Assert.True(Enumerate(table).OrderBy(entry => entry.Key).SequenceEqual(model.OrderBy(entry => entry.Key)), at);
                                break;
                        }

                        Assert.True(table.Count == model.Count, at);
                    }
                },
                iter: iterations);
    }

    private static GroupTable<int, int> Filled(int count)
    {
        var table = new GroupTable<int, int>(0, null);
        for (int key = 0; key < count; key++)
        {
            table.Add(key, key);
        }

        return table;
    }

    private static List<KeyValuePair<int, int>> Enumerate(GroupTable<int, int> table) => [.. EnumerateLive(table)];

    private static IEnumerable<KeyValuePair<int, int>> EnumerateLive(GroupTable<int, int> table)
    {
        var enumerator = table.GetEnumerator();
        while (enumerator.MoveNext())
        {
            yield return enumerator.Current;
        }
    }

    /// <summary>Gives every <see cref="Share"/> consecutive keys one hash code.</summary>
    private sealed class SharedHashComparer(int share) : IEqualityComparer<int>
    {
        public int Share => share;

        public bool Equals(int x, int y) => x == y;

        public int GetHashCode(int obj) => obj / share;
    }

    private sealed class ThrowingComparer : IEqualityComparer<int>
    {
        public int? ThrowOnHashOf { get; set; }

        public bool ThrowOnEquals { get; set; }

        public bool Equals(int x, int y) => ThrowOnEquals ? throw new InvalidOperationException("Equals failed.") : x == y;

        public int GetHashCode(int obj) => obj == ThrowOnHashOf ? throw new InvalidOperationException("GetHashCode failed.") : obj;
    }
}
