namespace MapGuard.Telemetry;

/// <summary>
/// The cells a map counts its operations in: every call of an operation, and each outcome rarer than the usual one.
/// The usual outcome is derived when the instrument is collected (a get's hits are its calls less its misses), so a
/// map counts a call before it knows how it will end and the count never waits on the lookup.
/// </summary>
internal enum MapCount
{
    /// <summary>A lookup: TryGetValue, ContainsKey, the indexer's get, and the lookup that starts GetOrAdd.</summary>
    GetCall,
    GetMiss,

    /// <summary>The indexer's set.</summary>
    SetCall,
    SetRejected,

    /// <summary>TryAdd, and the add of a GetOrAdd whose lookup missed.</summary>
    AddCall,
    AddRejected,

    /// <summary>TryRemove.</summary>
    RemoveCall,
    RemoveMiss,

    /// <summary>TryUpdate and AddOrUpdate.</summary>
    UpdateCall,
    UpdateMiss,
    UpdateRejected,
}
