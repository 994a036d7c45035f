using MapGuard.Testing.Stress;
using static MapGuard.Testing.Stress.StressHarness;

namespace MapGuard.StressTests.Maps;

/// <summary>
/// Span lookups while a writer grows the map through many resizes (and, for ReadMostlyMap, promotions): every key the
/// writer has published must be found by its characters with its value, and keys not yet written must not be.
/// </summary>
public sealed class AlternateLookupStressTests
{
    private const int Keys = 60_000;

    public static TheoryData<string> Maps => ["LockFreeMap", "ReadMostlyMap", "ShardedMap"];

    [Theory]
    [MemberData(nameof(Maps))]
    public void SpanLookups_DuringGrowth_FindEveryPublishedKeyWithItsValue(string kind)
    {
        UntilOverlapped(() =>
        {
            IConcurrentMap<string, int> map;
            Func<ReadOnlySpan<char>, (bool Found, int Value)> lookup;
            switch (kind)
            {
                case "LockFreeMap":
                    var lockFree = new LockFreeMap<string, int>();
                    LockFreeMap<string, int>.AlternateLookup<ReadOnlySpan<char>> a = lockFree.GetAlternateLookup<ReadOnlySpan<char>>();
                    (map, lookup) = (lockFree, key => (a.TryGetValue(key, out int v), v));
                    break;
                case "ReadMostlyMap":
                    var readMostly = new ReadMostlyMap<string, int>();
                    ReadMostlyMap<string, int>.AlternateLookup<ReadOnlySpan<char>> b = readMostly.GetAlternateLookup<ReadOnlySpan<char>>();
                    (map, lookup) = (readMostly, key => (b.TryGetValue(key, out int v), v));
                    break;
                default:
                    var sharded = new ShardedMap<string, int>();
                    ShardedMap<string, int>.AlternateLookup<ReadOnlySpan<char>> c = sharded.GetAlternateLookup<ReadOnlySpan<char>>();
                    (map, lookup) = (sharded, key => (c.TryGetValue(key, out int v), v));
                    break;
            }

            int published = 0;
            int checks = 0;
            Run(3, t =>
            {
                if (t == 0)
                {
                    for (int i = 0; i < Keys; i++)
                    {
                        map[$"key-{i}"] = i;
                        Volatile.Write(ref published, i + 1);
                    }

                    return;
                }

                var random = new Random(t);
                char[] buffer = new char[32];
                while (Volatile.Read(ref published) < Keys)
                {
                    int limit = Volatile.Read(ref published);
                    int i = random.Next(limit + 100);
                    string text = $"key-{i}";
                    text.CopyTo(buffer);
                    (bool found, int value) = lookup(buffer.AsSpan(0, text.Length));
                    if (i < limit)
                    {
                        Check(found && value == i, $"{kind}: key-{i} (published, limit {limit}) was {(found ? $"found with {value}" : "not found")}.");
                    }
                    else if (found)
                    {
                        // Written after the limit was read: then its value must be its own.
                        Check(value == i, $"{kind}: key-{i} found with {value}.");
                    }

                    Interlocked.Increment(ref checks);
                }
            });

            Check(checks > 0, $"{kind}: the readers checked nothing.");
        });
    }
}
