using MapGuard.Redis.Tests.Servers;
using StackExchange.Redis;

namespace MapGuard.Redis.Tests.Behaviour;

/// <summary>What Garnet 2.2.8 does that RedisMap's design depends on, checked on a running server.</summary>
public sealed class GarnetBehaviourTests(SharedGarnet garnet)
{
    [Fact]
    public void Garnet_SupportsTheCommandsRedisMapUses()
    {
        IDatabase database = garnet.Database;
        RedisKey key = SharedServer.NextName();
        Assert.True(database.HashSet(key, "f", "1", When.NotExists));   // HSETNX
        Assert.False(database.HashSet(key, "f", "2", When.NotExists));
        Assert.Equal(1, database.HashLength(key));                       // HLEN
        Assert.True(database.HashExists(key, "f"));                      // HEXISTS
        Assert.Single(database.HashScan(key));                           // HSCAN
        Assert.Equal(1, (int)database.ScriptEvaluate("return redis.call('HLEN', KEYS[1])", [key])); // EVAL/EVALSHA
        Assert.Equal(
            ProductVariant.Garnet,
            garnet.Database.Multiplexer.GetServer(garnet.Database.Multiplexer.GetEndPoints()[0]).GetProductVariant(out string version));
        Assert.StartsWith("2.2.", version, StringComparison.Ordinal);
    }

    [Fact]
    public void GarnetWithoutLua_MakesScriptedCallsFailWithAMessageSayingHowToStartIt_AndChangesNothing()
    {
        using var noLua = new GarnetTestServer(lua: false);
        using ConnectionMultiplexer connection = noLua.Connect();
        var map = new RedisMap<int, int>(connection.GetDatabase(), SharedServer.NextName());
        map[1] = 10; // single commands need no Lua

        var error = Assert.Throws<InvalidOperationException>(() => map.TryRemove(1, out _));
        Assert.Contains("--lua --lua-transaction-mode", error.Message, StringComparison.Ordinal);
        Assert.IsType<RedisServerException>(error.InnerException);
        Assert.Throws<InvalidOperationException>(() => map.TryUpdate(1, 11, 10));
        Assert.Equal(10, map[1]);
    }

    [Fact]
    public void GarnetHscan_SkipsAnUntouchedFieldWhenAnEarlierOneIsRemovedMidScan()
    {
        // Why RedisEnumerationMode.Auto reads Garnet with HGETALL: its HSCAN cursor counts live fields, so removing a
        // field the scan has passed shifts the rest down and the next page starts one field too late.
        IDatabase database = garnet.Database;
        RedisKey key = SharedServer.NextName();
        for (int i = 0; i < 40; i++)
        {
            database.HashSet(key, i, i);
        }

        var firstPage = (RedisResult[])database.Execute("HSCAN", key, 0, "COUNT", 10)!;
        long cursor = (long)firstPage[0];
        var seen = new HashSet<int>();
        foreach (RedisResult[] pair in ((RedisResult[])firstPage[1]!).Chunk(2))
        {
            seen.Add((int)pair[0]);
        }

        database.HashDelete(key, [.. seen.Take(3).Select(f => (RedisValue)f)]);
        while (cursor != 0)
        {
            var page = (RedisResult[])database.Execute("HSCAN", key, cursor, "COUNT", 10)!;
            cursor = (long)page[0];
            foreach (RedisResult[] pair in ((RedisResult[])page[1]!).Chunk(2))
            {
                seen.Add((int)pair[0]);
            }
        }

        int missed = Enumerable.Range(0, 40).Count(i => !seen.Contains(i));
        Assert.Equal(3, missed); // three untouched fields never came back
    }
}
