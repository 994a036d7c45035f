namespace MapGuard.Telemetry;

/// <summary>
/// The cells a map counts its operations in, one per op and result of <c>mapguard.map.operations</c>. A map counts
/// an operation once it has returned, on the branch its code already takes for that result, so counting adds no wait
/// for the result; an operation that throws counts nothing, except a refusal, which counts as rejected where it is
/// thrown.
/// </summary>
internal enum MapCount
{
    /// <summary>A lookup that found the key: TryGetValue, ContainsKey, the indexer's get, the lookup that starts GetOrAdd.</summary>
    GetHit,

    /// <summary>A lookup that did not find the key.</summary>
    GetMiss,

    /// <summary>The indexer's set, done.</summary>
    SetStored,

    /// <summary>The indexer's set, refused by a rule or the capacity.</summary>
    SetRejected,

    /// <summary>TryAdd that added, and the add of a GetOrAdd whose lookup missed.</summary>
    AddStored,

    /// <summary>TryAdd of a present key, or an add refused by a rule or the capacity.</summary>
    AddRejected,

    /// <summary>TryRemove that removed.</summary>
    RemoveHit,

    /// <summary>TryRemove of an absent key (or of a pair whose value differs).</summary>
    RemoveMiss,

    /// <summary>TryUpdate that updated, and AddOrUpdate.</summary>
    UpdateStored,

    /// <summary>TryUpdate whose key was absent or whose value differed.</summary>
    UpdateMiss,

    /// <summary>An update refused by a rule or the capacity.</summary>
    UpdateRejected,
}
