namespace MapGuard;

/// <summary>How an <see cref="IAsyncCounterMap{TKey}.AddWithinAsync"/> ended.</summary>
public enum CounterOutcome
{
    /// <summary>The delta was added (or the key created with it); the value is the result.</summary>
    Applied,

    /// <summary>The result would have left the bounds; nothing changed, and the value is the one that stayed.</summary>
    OutOfRange,

    /// <summary>The key is absent and was not created; nothing changed.</summary>
    Missing,
}
