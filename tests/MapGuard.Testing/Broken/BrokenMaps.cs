using MapGuard.Locked;

namespace MapGuard.Testing.Broken;

/// <summary>The two deliberately broken maps the suites must catch.</summary>
public static class BrokenMaps
{
    /// <summary><see cref="LockedMap{TKey, TValue}"/>'s own code with its lock removed.</summary>
    public static IConcurrentMap<TKey, TValue> WithoutLock<TKey, TValue>()
        where TKey : notnull =>
        new LockedMapCore<TKey, TValue, NoLockPolicy>(0, null);

    /// <summary>A correct <see cref="ShardedMap{TKey, TValue}"/> driven with check-then-act TryAdd and AddOrUpdate.</summary>
    public static IConcurrentMap<TKey, TValue> CheckThenAct<TKey, TValue>()
        where TKey : notnull =>
        new CheckThenActMap<TKey, TValue>(new ShardedMap<TKey, TValue>());
}
