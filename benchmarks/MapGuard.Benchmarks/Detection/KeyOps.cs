namespace MapGuard.Benchmarks.Detection;

/// <summary>
/// The three measured calls on each kind of map, one non-generic struct per map type and key type. A loop generic over
/// one of them is compiled for exactly that map type: over a struct generic in a reference-type key, the loop would be
/// shared code, where inlining the map's methods takes runtime lookups that user code calling a
/// <c>GuardedDictionary&lt;string, TValue&gt;</c> from an ordinary method does not pay.
/// </summary>
internal static class KeyOps
{
    /// <summary>The measured calls.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    public interface IOps<TKey>
    {
        bool TryGetValue(TKey key, out long value);

        void Set(TKey key);

        bool Remove(TKey key);
    }

    public readonly struct DictionaryLong(Dictionary<long, long> map) : IOps<long>
    {
        public bool TryGetValue(long key, out long value) => map.TryGetValue(key, out value);

        public void Set(long key) => map[key] = 1;

        public bool Remove(long key) => map.Remove(key);
    }

    public readonly struct DictionaryString(Dictionary<string, long> map) : IOps<string>
    {
        public bool TryGetValue(string key, out long value) => map.TryGetValue(key, out value);

        public void Set(string key) => map[key] = 1;

        public bool Remove(string key) => map.Remove(key);
    }

    public readonly struct GuardedLong(GuardedDictionary<long, long> map) : IOps<long>
    {
        public bool TryGetValue(long key, out long value) => map.TryGetValue(key, out value);

        public void Set(long key) => map[key] = 1;

        public bool Remove(long key) => map.Remove(key);
    }

    public readonly struct GuardedString(GuardedDictionary<string, long> map) : IOps<string>
    {
        public bool TryGetValue(string key, out long value) => map.TryGetValue(key, out value);

        public void Set(string key) => map[key] = 1;

        public bool Remove(string key) => map.Remove(key);
    }
}
