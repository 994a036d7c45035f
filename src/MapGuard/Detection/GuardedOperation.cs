namespace MapGuard;

/// <summary>The operations a <see cref="GuardedDictionary{TKey, TValue}"/> guards, as named in a <see cref="GuardViolation"/>.</summary>
public enum GuardedOperation
{
    /// <summary>No operation (never reported).</summary>
    None = 0,

    /// <summary>A read through the indexer: <c>value = map[key]</c>.</summary>
    IndexerGet,

    /// <summary>A read: <c>TryGetValue</c>.</summary>
    TryGetValue,

    /// <summary>A read: <c>ContainsKey</c> (or <c>Keys.Contains</c>).</summary>
    ContainsKey,

    /// <summary>A read: <c>ContainsValue</c> (or <c>Values.Contains</c>).</summary>
    ContainsValue,

    /// <summary>A read: <c>ICollection&lt;KeyValuePair&gt;.Contains</c>.</summary>
    Contains,

    /// <summary>A read: <c>Count</c>.</summary>
    Count,

    /// <summary>A read: <c>Capacity</c>.</summary>
    Capacity,

    /// <summary>A read: one <c>MoveNext</c> of an enumerator over the entries, the keys or the values.</summary>
    Enumerate,

    /// <summary>A read: <c>CopyTo</c> of the entries, the keys or the values.</summary>
    CopyTo,

    /// <summary>A write through the indexer: <c>map[key] = value</c>.</summary>
    IndexerSet,

    /// <summary>A write: <c>Add</c>.</summary>
    Add,

    /// <summary>A write: <c>TryAdd</c>.</summary>
    TryAdd,

    /// <summary>A write: <c>Remove</c>, with or without the removed value.</summary>
    Remove,

    /// <summary>A write: <c>Clear</c>.</summary>
    Clear,

    /// <summary>A write: <c>EnsureCapacity</c>.</summary>
    EnsureCapacity,

    /// <summary>A write: <c>TrimExcess</c>.</summary>
    TrimExcess,
}
