using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace MapGuard.Telemetry;

/// <summary>
/// Counters keyed by map name, for events that every map reports whether or not it is metered: guard violations and
/// hash-flooding operations. They are rare, so one plain counter per name is enough: no striping.
/// </summary>
internal sealed class NamedCounters
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _counters = new(StringComparer.Ordinal);

    /// <summary>Gets the guard violations of <see cref="GuardedDictionary{TKey, TValue}"/>s, by name.</summary>
    public static NamedCounters GuardViolations { get; } = new();

    /// <summary>Gets the operations that passed <see cref="HashFloodMonitor.CollisionBound"/>, by map name.</summary>
    public static NamedCounters HashCollisions { get; } = new();

    /// <summary>Counts one event of the maps named <paramref name="name"/>.</summary>
    public void Increment(string name)
    {
        StrongBox<long> counter = _counters.GetOrAdd(name, static _ => new StrongBox<long>());
        Interlocked.Increment(ref counter.Value);
    }

    /// <summary>Each name seen so far with its count.</summary>
    public IEnumerable<(string Name, long Count)> Snapshot()
    {
        foreach (KeyValuePair<string, StrongBox<long>> pair in _counters)
        {
            yield return (pair.Key, Interlocked.Read(ref pair.Value.Value));
        }
    }
}
