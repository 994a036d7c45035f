using System.Diagnostics;
using System.Runtime.CompilerServices;
using MapGuard.Telemetry;

namespace MapGuard;

/// <summary>
/// Reports maps whose keys collide far beyond chance: the sign of a hash-flooding attack on a key type or comparer
/// whose hash MapGuard cannot strengthen (see docs/design/hash-flooding.md for what is and is not protected).
/// </summary>
/// <remarks>
/// A map reports when one operation meets more than <see cref="CollisionBound"/> stored keys that share its key's full
/// hash code but are not equal to it. Each such operation counts once in the
/// <see cref="MapGuardMeter.HashCollisions"/> instrument; the first one per map also raises <see cref="Detected"/>
/// and writes one <see cref="Trace.TraceWarning(string)"/> naming the map.
/// </remarks>
public static class HashFloodMonitor
{
    /// <summary>
    /// Full-hash collisions one operation may meet before its map is reported. With a 32-bit hash of decent quality,
    /// nine distinct keys sharing one hash code in a map of a million keys has odds far below one in 10^30; a
    /// comparer that returns few distinct hash codes passes it at once.
    /// </summary>
    public const int CollisionBound = 8;

    /// <summary>Raised once per map, on the thread whose operation first passed <see cref="CollisionBound"/>.</summary>
    /// <remarks>A handler that throws is ignored: a report never fails the map operation that triggered it.</remarks>
    public static event EventHandler<HashFloodDetectedEventArgs>? Detected;

    /// <summary>
    /// Counts one stored key that shares the looked-up key's full hash but is not equal to it, in the operation whose
    /// running count is <paramref name="collisions"/>; reports <paramref name="map"/> when that passes the bound.
    /// </summary>
    /// <param name="collisions">The operation's running count.</param>
    /// <param name="map">The map, for the report.</param>
    /// <param name="label">The map's name and report flag. It belongs to the map, so the monitor keeps no table of the
    /// maps it has reported.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void CountCollision(ref int collisions, object map, MapLabel label)
    {
        if (++collisions == CollisionBound + 1)
        {
            Report(map, label, collisions);
        }
    }

    /// <summary>Records that one operation on <paramref name="map"/> met <paramref name="collisions"/> full-hash collisions.</summary>
    internal static void Report(object map, MapLabel label, int collisions)
    {
        string mapName = label.NameOf(map);
        NamedCounters.HashCollisions.Increment(mapName);
        if (!label.TryMarkFloodReported())
        {
            return;
        }

        Trace.TraceWarning(
            $"MapGuard: map '{mapName}' ({map.GetType().Name}) met {collisions} keys sharing one hash code in a single " +
            "operation. Its key type or comparer hashes chosen keys to equal values: a hash-flooding attack or a " +
            "broken GetHashCode. Use a protected key type or a comparer with a randomized hash.");
        try
        {
            Detected?.Invoke(null, new HashFloodDetectedEventArgs(map, mapName, collisions));
        }
        catch (Exception ex)
        {
            Trace.TraceError($"MapGuard: a HashFloodMonitor.Detected handler threw: {ex}");
        }
    }
}
