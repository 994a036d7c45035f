namespace MapGuard;

/// <summary>An entry that left a governed map, or whose value was replaced, and why.</summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
/// <param name="Key">The entry's key.</param>
/// <param name="Value">The value that left the map (for <see cref="EvictionReason.Replaced"/>, the old value).</param>
/// <param name="Reason">Why it left.</param>
public readonly record struct EvictionNotice<TKey, TValue>(TKey Key, TValue Value, EvictionReason Reason);
