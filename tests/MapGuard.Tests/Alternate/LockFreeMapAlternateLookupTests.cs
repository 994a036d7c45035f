using System.Diagnostics.CodeAnalysis;

namespace MapGuard.Tests.Alternate;

public sealed class LockFreeMapAlternateLookupTests : AlternateLookupSuite
{
    protected override IConcurrentMap<string, int> Create(IEqualityComparer<string>? comparer = null) => new LockFreeMap<string, int>(comparer);

    protected override bool TryGetLookup(IConcurrentMap<string, int> map, out SpanLookup lookup)
    {
        bool supported = ((LockFreeMap<string, int>)map).TryGetAlternateLookup(out LockFreeMap<string, int>.AlternateLookup<ReadOnlySpan<char>> inner);
        lookup = new Lookup(inner);
        return supported;
    }

    protected override void GetLookup(IConcurrentMap<string, int> map) => ((LockFreeMap<string, int>)map).GetAlternateLookup<ReadOnlySpan<char>>();

    protected override bool HashIsRandomized(IConcurrentMap<string, int> map) => ((LockFreeMap<string, int>)map).HashIsRandomized;

    private sealed class Lookup(LockFreeMap<string, int>.AlternateLookup<ReadOnlySpan<char>> inner) : SpanLookup
    {
        public override bool TryGetValue(ReadOnlySpan<char> key, [MaybeNullWhen(false)] out string actualKey, out int value) => inner.TryGetValue(key, out actualKey, out value);

        public override bool ContainsKey(ReadOnlySpan<char> key) => inner.ContainsKey(key);

        public override bool TryAdd(ReadOnlySpan<char> key, int value) => inner.TryAdd(key, value);

        public override bool TryRemove(ReadOnlySpan<char> key, [MaybeNullWhen(false)] out string actualKey, out int value) => inner.TryRemove(key, out actualKey, out value);

        public override int Read(ReadOnlySpan<char> key) => inner[key];

        public override void Write(ReadOnlySpan<char> key, int value) => inner[key] = value;
    }
}
