using MapGuard.Telemetry;

namespace MapGuard.Internal;

/// <summary>
/// Wraps a comparer whose hash MapGuard cannot strengthen, so a map built on a BCL collection still notices a
/// hash-flooding attack: the collection calls <see cref="Equals(TKey, TKey)"/> only for stored keys whose full hash
/// code matches, so each false answer is one full collision met by the operation in progress.
/// </summary>
internal sealed class CollisionWatchingComparer<TKey> : IEqualityComparer<TKey>
    where TKey : notnull
{
    // Collisions met by this thread's current operation. An operation starts with GetHashCode, which resets it.
    [ThreadStatic]
    private static int t_collisions;

    private readonly IEqualityComparer<TKey> _inner;
    private readonly object _map;
    private readonly MapLabel _label;

    public CollisionWatchingComparer(IEqualityComparer<TKey> inner, object map, MapLabel label)
    {
        _inner = inner;
        _map = map;
        _label = label;
    }

    public bool Equals(TKey? x, TKey? y)
    {
        if (_inner.Equals(x, y))
        {
            return true;
        }

        HashFloodMonitor.CountCollision(ref t_collisions, _map, _label);
        return false;
    }

    public int GetHashCode(TKey obj)
    {
        t_collisions = 0;
        return _inner.GetHashCode(obj);
    }
}
