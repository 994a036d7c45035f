namespace MapGuard.Cli.Matrix.Worker;

/// <summary>
/// Calls a MapGuard map with string keys through <see cref="IConcurrentMap{TKey, TValue}"/>. The child process holds
/// one map type only, so tiered PGO sees a single receiver type here and devirtualizes the call with a guard.
/// String keys get their own struct: a generic one over a reference type would run shared code that looks the
/// interface up at run time (<see cref="ContractOperations{TKey}"/> covers the value-type keys).
/// </summary>
internal readonly struct ContractStringOperations(IConcurrentMap<string, long> map) : IMapOperations<string>
{
    /// <inheritdoc/>
    public bool TryAdd(string key, long value) => map.TryAdd(key, value);

    /// <inheritdoc/>
    public bool TryGetValue(string key, out long value) => map.TryGetValue(key, out value);

    /// <inheritdoc/>
    public void Set(string key, long value) => map[key] = value;
}
