namespace MapGuard.Testing.Linearizability;

/// <summary>The map calls a history can contain.</summary>
public enum OpKind
{
    TryGetValue,
    ContainsKey,
    Set,
    TryAdd,
    TryRemove,
    TryUpdate,
    GetOrAdd,
    GetOrAddFactory,
    AddOrUpdate,
}
