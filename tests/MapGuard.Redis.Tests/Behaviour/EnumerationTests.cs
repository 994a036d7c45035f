using MapGuard.Redis.Tests.Servers;

namespace MapGuard.Redis.Tests.Behaviour;

/// <summary>
/// Enumeration while keys the enumerator has already passed are removed: every untouched key must still come out once.
/// Deterministic, unlike the suite's concurrent-writers test, whose untouched keys are inserted first and so sit ahead
/// of every removal in Garnet's hash.
/// </summary>
public sealed class EnumerationTests(SharedGarnet garnet, SharedRedis redis)
{
    private const int Keys = 60;

    [Fact]
    public void OnGarnet_TheDefaultMode_YieldsEveryUntouchedKey() =>
        Assert.Equal(0, MissedAfterRemovingPassedKeys(garnet, RedisEnumerationMode.Auto));

    [Fact]
    public void OnRedis_TheDefaultScan_YieldsEveryUntouchedKey() =>
        Assert.Equal(0, MissedAfterRemovingPassedKeys(redis, RedisEnumerationMode.Auto));

    [Fact]
    public void OnGarnet_ForcingScan_MissesUntouchedKeys_WhichIsWhyAutoDoesNot() =>
        Assert.True(MissedAfterRemovingPassedKeys(garnet, RedisEnumerationMode.Scan) > 0, "Garnet's HSCAN no longer skips: Auto could scan there too.");

    private static int MissedAfterRemovingPassedKeys(SharedServer server, RedisEnumerationMode mode)
    {
        var options = new RedisMapOptions { Enumeration = mode, ScanPageSize = 5 };
        var map = new RedisMap<int, int>(server.Database, SharedServer.NextName(), options);
        for (int i = 0; i < Keys; i++)
        {
            map[i] = i;
        }

        var seen = new List<int>();
        var removed = new HashSet<int>();
        foreach (KeyValuePair<int, int> entry in map)
        {
            seen.Add(entry.Key);
            if (seen.Count == 15)
            {
                // Remove 6 keys the enumeration has already yielded.
                foreach (int passed in seen.Take(6))
                {
                    Assert.True(map.TryRemove(passed, out _));
                    removed.Add(passed);
                }
            }
        }

        Assert.Equal(seen.Count, seen.Distinct().Count()); // never a key twice
        return Enumerable.Range(0, Keys).Count(k => !removed.Contains(k) && !seen.Contains(k));
    }
}
