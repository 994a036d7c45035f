namespace MapGuard;

/// <summary>Why an entry left a governed map, or had its value replaced.</summary>
public enum EvictionReason
{
    /// <summary>The map was full and its eviction policy chose this entry.</summary>
    Capacity,

    /// <summary>The entry outlived its <c>ExpireAfterWrite</c> or <c>ExpireAfterAccess</c> time.</summary>
    Expired,

    /// <summary>The caller removed it: <c>TryRemove</c> or <c>Clear</c>.</summary>
    Removed,

    /// <summary>The caller overwrote its value: the indexer, <c>TryUpdate</c> or <c>AddOrUpdate</c>.</summary>
    Replaced,
}
