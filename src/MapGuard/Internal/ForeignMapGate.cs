namespace MapGuard.Internal;

/// <summary>
/// The <c>Once</c> gate of a map MapGuard knows only through <see cref="IConcurrentMap{TKey, TValue}"/> (its default
/// members): every key of the map is one key, since its comparer is unknown, so one factory runs at a time per map.
/// The claims of all such maps share one table keyed by the map's reference; an entry lives only while its map's
/// factory runs, so no map is kept, and nothing per map outlives a call.
/// </summary>
internal readonly struct ForeignMapGate<TKey>(object map) : IFactoryGate<TKey>
    where TKey : notnull
{
    public bool TryEnter(TKey key, out Lock? held) => ForeignMapRuns.Gate.TryEnter(map, out held);

    public void Exit(TKey key, Lock? held) => ForeignMapRuns.Gate.Exit(map, held);
}
