namespace MapGuard.Cli.Matrix.Worker;

/// <summary>
/// Calls a MapGuard map with long keys through <see cref="IConcurrentMap{TKey, TValue}"/>. The child process holds
/// one map type only, so tiered PGO sees a single receiver type here and devirtualizes the call with a guard.
/// A separate struct per key type keeps the interface type exact (no shared-generic lookup in the loop).
/// </summary>
internal readonly struct ContractLongOperations(IConcurrentMap<long, long> map) : IMapOperations<long>
{
    /// <inheritdoc/>
    public bool TryAdd(long key, long value) => map.TryAdd(key, value);

    /// <inheritdoc/>
    public bool TryGetValue(long key, out long value) => map.TryGetValue(key, out value);

    /// <inheritdoc/>
    public void Set(long key, long value) => map[key] = value;
}
