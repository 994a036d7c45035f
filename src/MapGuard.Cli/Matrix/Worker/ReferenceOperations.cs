using System.Collections.Concurrent;

namespace MapGuard.Cli.Matrix.Worker;

/// <summary>
/// Calls the raw <see cref="ConcurrentDictionary{TKey, TValue}"/> reference row with value-type keys, directly;
/// string keys have <see cref="ReferenceStringOperations"/> (see <see cref="ContractOperations{TKey}"/> for why).
/// </summary>
/// <typeparam name="TKey">The key type, a value type.</typeparam>
internal readonly struct ReferenceOperations<TKey>(ConcurrentDictionary<TKey, long> dictionary) : IMapOperations<TKey>
    where TKey : struct
{
    /// <inheritdoc/>
    public bool TryAdd(TKey key, long value) => dictionary.TryAdd(key, value);

    /// <inheritdoc/>
    public bool TryGetValue(TKey key, out long value) => dictionary.TryGetValue(key, out value);

    /// <inheritdoc/>
    public void Set(TKey key, long value) => dictionary[key] = value;
}
