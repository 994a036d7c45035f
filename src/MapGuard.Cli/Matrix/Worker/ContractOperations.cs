namespace MapGuard.Cli.Matrix.Worker;

/// <summary>
/// Calls a MapGuard map with value-type keys (<see cref="long"/>, <see cref="Guid"/>) through
/// <see cref="IConcurrentMap{TKey, TValue}"/>. The child process holds one map type only, so tiered PGO sees a single
/// receiver type here and devirtualizes the call with a guard. A value-type argument gives each key type its own
/// compiled struct, so the interface type at the call site is exact; string keys have
/// <see cref="ContractStringOperations"/>, because a reference-type argument would run shared generic code that
/// looks the interface up at run time.
/// </summary>
/// <typeparam name="TKey">The key type, a value type.</typeparam>
internal readonly struct ContractOperations<TKey>(IConcurrentMap<TKey, long> map) : IMapOperations<TKey>
    where TKey : struct
{
    /// <inheritdoc/>
    public bool TryAdd(TKey key, long value) => map.TryAdd(key, value);

    /// <inheritdoc/>
    public bool TryGetValue(TKey key, out long value) => map.TryGetValue(key, out value);

    /// <inheritdoc/>
    public void Set(TKey key, long value) => map[key] = value;
}
