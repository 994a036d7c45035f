using MapGuard.Testing.Linearizability;
using MapGuard.Testing.Stress;

namespace MapGuard.Testing.Migration;

/// <summary>Histories and stress runs across a migration, shared by the real map's tests and the naive variant's.</summary>
public static class MigrationScenarios
{
    /// <summary>
    /// A linearizability scenario on a migration from ConcurrentDictionaryMap to LockFreeMap: each initial key starts in
    /// the source map only, and about half of them are then copied by a read, so histories mix keys that need a
    /// backfill with keys that do not. <paramref name="interference"/> runs during each history. The inner maps are
    /// wrapped in <see cref="YieldingMap{TKey, TValue}"/> (one call in <c>2^chaosShift</c> yields; 30 for practically never).
    /// </summary>
    public static HistoryScenario Linearizability(
        Func<IConcurrentMap<int, int>, IConcurrentMap<int, int>, MigrationSubject> create,
        int seed,
        Action<MigrationSubject, Random>? interference,
        int chaosShift = 2)
    {
        var random = new Random(seed);
        var subjects = new System.Runtime.CompilerServices.ConditionalWeakTable<IConcurrentMap<int, int>, MigrationSubject>();
        return new HistoryScenario
        {
            Create = initial =>
            {
                var source = new ConcurrentDictionaryMap<int, int>();
                foreach ((int key, int value) in initial)
                {
                    source[key] = value;
                }

                // Chaos: the inner maps yield the thread now and then, so a migration's two steps on them are often
                // split by another thread's call.
                MigrationSubject subject = create(new YieldingMap<int, int>(source, chaosShift), new YieldingMap<int, int>(new LockFreeMap<int, int>(), chaosShift));
                foreach (int key in initial.Keys)
                {
                    if (random.Next(2) == 0)
                    {
                        _ = subject.Map.ContainsKey(key); // a read copies the key to the target
                    }
                }

                subjects.AddOrUpdate(subject.Map, subject);
                return subject.Map;
            },
            Interference = interference is null
                ? null
                : (map, historyRandom) => interference(subjects.TryGetValue(map, out MigrationSubject? subject) ? subject : throw new InvalidOperationException("unknown map"), historyRandom),
        };
    }

    /// <summary>
    /// All threads write the same keys in the same order, each with a different kind of write, while the migration
    /// dual-writes through <see cref="YieldingMap{TKey, TValue}"/> wrappers; afterwards the target map must hold a
    /// subset of the source map's keys, each with the source map's value.
    /// </summary>
    /// <returns>The keys whose two copies disagree, described; empty when the maps agree.</returns>
    public static List<string> RacingWritesDisagreements(
        Func<IConcurrentMap<int, int>, IConcurrentMap<int, int>, MigrationSubject> create, int threads, int keys = 20_000)
    {
        var source = new ConcurrentDictionaryMap<int, int>();
        var target = new LockFreeMap<int, int>();
        MigrationSubject subject = create(new YieldingMap<int, int>(source), new YieldingMap<int, int>(target));
        IConcurrentMap<int, int> map = subject.Map;
        StressHarness.Run(threads, t =>
        {
            for (int key = 0; key < keys; key++)
            {
                int value = (t * keys) + key;
                switch ((t + key) % 4)
                {
                    case 0: map[key] = value; break;
                    case 1: map.AddOrUpdate(key, value, static (_, v) => v + 1); break;
                    case 2: map.TryRemove(key, out _); break;
                    default: map.GetOrAdd(key, value); break;
                }
            }
        });

        var disagreements = new List<string>();
        for (int key = 0; key < keys; key++)
        {
            bool inSource = source.TryGetValue(key, out int sourceValue);
            bool inTarget = target.TryGetValue(key, out int targetValue);
            if (inTarget && (!inSource || sourceValue != targetValue))
            {
                disagreements.Add($"key {key}: source {(inSource ? sourceValue.ToString(System.Globalization.CultureInfo.InvariantCulture) : "absent")}, target {targetValue}");
            }
        }

        return disagreements;
    }
}
