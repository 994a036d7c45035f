namespace MapGuard.Cli.Matrix.Worker;

/// <summary>One precomputed operation: the key instance to use and whether it is a write.</summary>
/// <typeparam name="TKey">The key type.</typeparam>
internal readonly struct Operation<TKey>(TKey key, bool isWrite)
{
    /// <summary>The key; for strings, an instance of its own equal to the stored key.</summary>
    public TKey Key { get; } = key;

    /// <summary>True for an indexer set, false for <c>TryGetValue</c>.</summary>
    public bool IsWrite { get; } = isWrite;
}
