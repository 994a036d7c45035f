using System.Collections.Concurrent;

namespace MapGuard.Cli.Matrix.Worker;

/// <summary>Calls the raw <see cref="ConcurrentDictionary{TKey, TValue}"/> reference row with long keys, directly.</summary>
internal readonly struct ReferenceLongOperations(ConcurrentDictionary<long, long> dictionary) : IMapOperations<long>
{
    /// <inheritdoc/>
    public bool TryAdd(long key, long value) => dictionary.TryAdd(key, value);

    /// <inheritdoc/>
    public bool TryGetValue(long key, out long value) => dictionary.TryGetValue(key, out value);

    /// <inheritdoc/>
    public void Set(long key, long value) => dictionary[key] = value;
}
