using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MapGuard.Internal;

namespace MapGuard.Tests.Flooding;

public sealed class SeededHashingTests
{
    [Fact]
    public void KeyHashing_ClassifiesEveryProtectedKeyType()
    {
        Assert.Equal(KeyHashKind.Word32, KeyHashing<int>.Kind);
        Assert.Equal(KeyHashKind.Word32, KeyHashing<uint>.Kind);
        Assert.Equal(KeyHashKind.Word64, KeyHashing<long>.Kind);
        Assert.Equal(KeyHashKind.Word64, KeyHashing<ulong>.Kind);
        Assert.Equal(KeyHashKind.Word64, KeyHashing<nint>.Kind);
        Assert.Equal(KeyHashKind.Chunks, KeyHashing<Guid>.Kind);
        Assert.Equal(4, KeyHashing<Guid>.Chunks);
        Assert.Equal(KeyHashKind.Chunks, KeyHashing<(long, long)>.Kind);
        Assert.Equal(4, KeyHashing<(long, long)>.Chunks);
        Assert.Equal(KeyHashKind.Chunks, KeyHashing<(int, long)>.Kind); // 16 bytes, 12 of them value
        Assert.Equal(3, KeyHashing<(int, long)>.Chunks);
        Assert.Equal(KeyHashKind.Chunks, KeyHashing<(Guid, int, uint)>.Kind);
        Assert.Equal(KeyHashKind.RandomizedString, KeyHashing<string>.Kind);
        Assert.Equal(KeyHashKind.Unprotected, KeyHashing<(long, string)>.Kind);
        Assert.Equal(KeyHashKind.Unprotected, KeyHashing<double>.Kind);
        Assert.Equal(KeyHashKind.Unprotected, KeyHashing<DateTime>.Kind);
    }

    [Fact]
    public void PaddedTupleKeys_WithGarbageInTheirPadding_HashAndCompareEqual()
    {
        var keys = new KeyComparer<(int, long)>(null);
        (int, long) clean = (17, 1L << 40);
        (int, long) dirty = clean;
        int size = Unsafe.SizeOf<(int, long)>();
        for (int i = 12; i < size; i++)
        {
            Unsafe.Add(ref Unsafe.As<(int, long), byte>(ref dirty), i) = 0xAB; // the padding, wherever equality ignores
        }

        Assert.True(keys.KeysEqual(clean, dirty));
        Assert.Equal(keys.Hash(clean), keys.Hash(dirty));

        var map = new LockFreeMap<(int, long), int> { [clean] = 5 };
        Assert.True(map.TryGetValue(dirty, out int value));
        Assert.Equal(5, value);
    }

    [Fact]
    public void TwoMapsWithTheSameKeys_EnumerateInDifferentOrders()
    {
        // Each map has its own seed, so the order one map reveals says nothing about another's. (Integer keys start
        // placed by their own bits, which reveal nothing but the keys: IdentityPlacementTests.)
        var first = new LockFreeMap<(long, long), long>();
        var second = new LockFreeMap<(long, long), long>();
        for (long i = 0; i < 1_000; i++)
        {
            first[(i, 0)] = i;
            second[(i, 0)] = i;
        }

        Assert.NotEqual(first.Select(pair => pair.Key), second.Select(pair => pair.Key));
        Assert.Equal(first.Select(pair => pair.Key).Order(), second.Select(pair => pair.Key).Order());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Ordinal")]
    [InlineData("OrdinalIgnoreCase")]
    [InlineData("InvariantCulture")]
    [InlineData("CurrentCultureIgnoreCase")]
    public void StringsUnderTheRuntimesComparers_AreProtected(string? comparison)
    {
        IEqualityComparer<string>? comparer = comparison is null ? null : StringComparer.FromComparison(Enum.Parse<StringComparison>(comparison));
        Assert.True(new KeyComparer<string>(comparer).IsProtected);
    }

    [Fact]
    public void ChunkedKeys_ThatDifferInOneChunkOnly_GetDistinctHashes_WhicheverChunkItIs()
    {
        // Every 32-bit chunk of a multi-word key must reach the hash: 4,096 keys that differ in one chunk would all
        // collide if that chunk were left out, and collide only by chance (about 4,096^2 / 2^33 pairs) otherwise.
        AssertEveryChunkCounts<Guid>(); // 4 chunks: the unrolled path
        AssertEveryChunkCounts<(int, long)>(); // 3 chunks: the loop
        AssertEveryChunkCounts<(Guid, Guid)>(); // 8 chunks: the loop
    }

    [Fact]
    public void CustomComparersAndUnprotectedKeyTypes_AreNotProtected()
    {
        Assert.False(new KeyComparer<string>(new LengthComparer()).IsProtected);
        Assert.False(new KeyComparer<long>(new LongModComparer()).IsProtected);
        Assert.False(new KeyComparer<double>(null).IsProtected);
        Assert.True(new KeyComparer<long>(null).IsProtected);
        Assert.True(new KeyComparer<long>(EqualityComparer<long>.Default).IsProtected);
    }

    private static void AssertEveryChunkCounts<TKey>()
        where TKey : unmanaged
    {
        const int Keys = 4_096;
        var comparer = new KeyComparer<TKey>(null);
        int chunks = KeyHashing<TKey>.Chunks;
        var random = new Random(11);
        for (int chunk = 0; chunk < chunks; chunk++)
        {
            TKey key = default;
            Span<uint> words = MemoryMarshal.Cast<TKey, uint>(MemoryMarshal.CreateSpan(ref key, 1))[..chunks];
            for (int i = 0; i < chunks; i++)
            {
                words[i] = (uint)random.Next();
            }

            var hashes = new HashSet<uint>();
            for (uint i = 0; i < Keys; i++)
            {
                words[chunk] = i;
                hashes.Add(comparer.Hash(key));
            }

            Assert.True(hashes.Count >= Keys - 4, $"{typeof(TKey).Name}: keys that differ only in chunk {chunk} got {hashes.Count} hashes of {Keys}");
        }
    }

    private sealed class LengthComparer : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y) => x?.Length == y?.Length;

        public int GetHashCode(string obj) => obj.Length;
    }

    private sealed class LongModComparer : IEqualityComparer<long>
    {
        public bool Equals(long x, long y) => x == y;

        public int GetHashCode(long obj) => (int)(obj % 7);
    }
}
