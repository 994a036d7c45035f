using System.Runtime.CompilerServices;

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

    /// <summary>
    /// <see cref="DictionaryLong"/> with the least a sound owner check costs before each write: one read of a
    /// <c>[ThreadStatic]</c> ID compared with a field, as the guard's owner does (docs/design/guarded-dictionary.md, Identity).
    /// </summary>
    public readonly struct ThreadCheckedLong(Dictionary<long, long> map) : IOps<long>
    {
        public bool TryGetValue(long key, out long value) => map.TryGetValue(key, out value);

        public void Set(long key)
        {
            OwnerCheck.Check();
            map[key] = 1;
        }

        public bool Remove(long key)
        {
            OwnerCheck.Check();
            return map.Remove(key);
        }
    }

    /// <summary><see cref="DictionaryString"/> with the check of <see cref="ThreadCheckedLong"/>.</summary>
    public readonly struct ThreadCheckedString(Dictionary<string, long> map) : IOps<string>
    {
        public bool TryGetValue(string key, out long value) => map.TryGetValue(key, out value);

        public void Set(string key)
        {
            OwnerCheck.Check();
            map[key] = 1;
        }

        public bool Remove(string key)
        {
            OwnerCheck.Check();
            return map.Remove(key);
        }
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

    /// <summary>The owner check of <see cref="ThreadCheckedLong"/>: the calling thread's cached ID against the owner's.</summary>
    private static class OwnerCheck
    {
        [ThreadStatic]
        private static int t_id;

        // Not readonly, so the JIT cannot fold the comparison away.
        private static int s_owner = Environment.CurrentManagedThreadId;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Check()
        {
            int id = t_id;
            if ((id != 0 ? id : Initialize()) != s_owner)
            {
                s_owner = id; // never taken: the benchmark thread is the owner
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int Initialize() => t_id = Environment.CurrentManagedThreadId;
    }
}
