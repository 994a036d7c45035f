using MapGuard.Redis.Tests.Servers;
using StackExchange.Redis;

namespace MapGuard.Redis.Tests.Behaviour;

/// <summary>
/// Values written by another client in a form RedisMap would not write (<c>0100</c> for 100, <c>abc</c> for an int):
/// every read refuses them with <see cref="NonCanonicalValueException"/> naming the map and the key, and no loop spins
/// on them. Each test has a watchdog, because before this check a read-then-TryUpdate loop retried such a value forever.
/// </summary>
public sealed class CanonicalValueTests(SharedGarnet garnet, SharedRedis redis)
{
    private static readonly TimeSpan s_watchdog = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("redis", "0100")]
    [InlineData("redis", "+100")]
    [InlineData("redis", "100.0")]
    [InlineData("redis", "1e2")]
    [InlineData("redis", " 100")]
    [InlineData("garnet", "0100")]
    public async Task AStoredNumberNotInCanonicalForm_IsRefusedByEveryRead_NamingTheKey(string product, string stored)
    {
        SharedServer server = product == "garnet" ? garnet : redis;
        RedisMap<string, int> map = server.NewMap<string, int>();
        await server.Database.HashSetAsync(map.ServerKey, "sku-7", stored);

        AssertNamesTheKey(Assert.Throws<NonCanonicalValueException>(() => map.TryGetValue("sku-7", out _)), map);
        AssertNamesTheKey(await Assert.ThrowsAsync<NonCanonicalValueException>(() => map.TryGetValueAsync("sku-7", TestContext.Current.CancellationToken).AsTask()), map);
        AssertNamesTheKey(await Assert.ThrowsAsync<NonCanonicalValueException>(() => map.AddWithinAsync("sku-7", -1, 0, int.MaxValue, cancellationToken: TestContext.Current.CancellationToken).AsTask()), map);

        // A caller's read-check-TryUpdate loop (FlashSale's order loop was one): before the check it read 100, asked the
        // server to replace "100", which is not the stored "0100", failed, and read again, forever.
        AssertNamesTheKey(await Assert.ThrowsAsync<NonCanonicalValueException>(() => Task.Run(() => TakeOne(map, "sku-7")).WaitAsync(s_watchdog, TestContext.Current.CancellationToken)), map);

        // The map's own compare-and-set loops refuse it too, rather than overwrite it with a value derived from a guess.
        AssertNamesTheKey(await Assert.ThrowsAsync<NonCanonicalValueException>(() => Task.Run(() => map.AddOrUpdate("sku-7", 1, (_, v) => v - 1)).WaitAsync(s_watchdog, TestContext.Current.CancellationToken)), map);
        AssertNamesTheKey(await Assert.ThrowsAsync<NonCanonicalValueException>(() => map.AddOrUpdateAsync("sku-7", 1, (_, v) => v - 1, TestContext.Current.CancellationToken).AsTask().WaitAsync(s_watchdog, TestContext.Current.CancellationToken)), map);

        // Nothing changed.
        Assert.Equal(stored, (string?)await server.Database.HashGetAsync(map.ServerKey, "sku-7"));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("99999999999")]
    [InlineData("")]
    public async Task AStoredValueThatDoesNotDeserialize_IsATypedException_NotARawCastError(string stored)
    {
        RedisMap<string, int> map = redis.NewMap<string, int>();
        await redis.Database.HashSetAsync(map.ServerKey, "sku-8", stored);

        NonCanonicalValueException error = Assert.Throws<NonCanonicalValueException>(() => map["sku-8"]);
        AssertNamesTheKey(error, map);
        Assert.DoesNotContain(stored.Length > 0 ? stored : "\u0000", error.Message, StringComparison.Ordinal); // the value itself is never printed
        AssertNamesTheKey(await Assert.ThrowsAsync<NonCanonicalValueException>(() => map.AddWithinAsync("sku-8", 1, 0, int.MaxValue, cancellationToken: TestContext.Current.CancellationToken).AsTask()), map);
    }

    [Fact]
    public void CanonicalValues_WrittenByAnotherClient_ReadNormally()
    {
        RedisMap<string, int> map = redis.NewMap<string, int>();
        IDatabase database = redis.Database;
        database.HashSet(map.ServerKey, [new HashEntry("a", "100"), new HashEntry("b", "-7"), new HashEntry("c", "0")]);

        Assert.Equal(100, map["a"]);
        Assert.Equal(-7, map["b"]);
        Assert.Equal(0, map["c"]);
        Assert.Equal(99, map.AddOrUpdate("a", 1, (_, v) => v - 1));
    }

    private static bool TakeOne(RedisMap<string, int> map, string key)
    {
        while (map.TryGetValue(key, out int left) && left > 0)
        {
            if (map.TryUpdate(key, left - 1, left))
            {
                return true;
            }
        }

        return false;
    }

    private static void AssertNamesTheKey(NonCanonicalValueException error, RedisMap<string, int> map)
    {
        Assert.Equal(map.Name, error.MapName);
        Assert.StartsWith("sku-", error.Key, StringComparison.Ordinal);
        Assert.Contains($"key '{error.Key}'", error.Message, StringComparison.Ordinal);
    }
}
