using System.Collections.Concurrent;

namespace MapGuard.Cli.Matrix.Worker;

/// <summary>Calls the raw <see cref="ConcurrentDictionary{TKey, TValue}"/> reference row with string keys, directly.</summary>
internal readonly struct ReferenceStringOperations(ConcurrentDictionary<string, long> dictionary) : IMapOperations<string>
{
    /// <inheritdoc/>
    public bool TryAdd(string key, long value) => dictionary.TryAdd(key, value);

    /// <inheritdoc/>
    public bool TryGetValue(string key, out long value) => dictionary.TryGetValue(key, out value);

    /// <inheritdoc/>
    public void Set(string key, long value) => dictionary[key] = value;
}
