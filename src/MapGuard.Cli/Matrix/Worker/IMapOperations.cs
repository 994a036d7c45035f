namespace MapGuard.Cli.Matrix.Worker;

/// <summary>
/// The three calls the measured loop makes. Implemented by small structs, so the loop (generic over the struct)
/// is compiled once per struct and calls the map through exactly one call site per operation in the process.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
internal interface IMapOperations<TKey>
{
    /// <summary>Adds a key during pre-fill; false when it was already present.</summary>
    bool TryAdd(TKey key, long value);

    /// <summary>The read operation.</summary>
    bool TryGetValue(TKey key, out long value);

    /// <summary>The write operation (indexer set of an existing key).</summary>
    void Set(TKey key, long value);
}
