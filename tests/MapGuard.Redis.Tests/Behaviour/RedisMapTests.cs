using MapGuard.Redis.DependencyInjection;
using MapGuard.Redis.Tests.Servers;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace MapGuard.Redis.Tests.Behaviour;

/// <summary>RedisMap's own quirks: construction, key layout, comparers, enumeration mode, DI.</summary>
public sealed class RedisMapTests(SharedGarnet garnet, SharedRedis redis)
{
    [Fact]
    public void Constructor_RejectsBadArgumentsNamingThem()
    {
        IDatabase database = garnet.Database;
        Assert.Equal("database", Assert.Throws<ArgumentNullException>(() => new RedisMap<int, int>(null!, "m")).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => new RedisMap<int, int>(database, null!)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => new RedisMap<int, int>(database, string.Empty)).ParamName);
    }

    [Fact]
    public void Constructor_RefusesComparersTheServerCannotHonour_AndAcceptsByteEqualOnes()
    {
        IDatabase database = garnet.Database;
        var error = Assert.Throws<ArgumentException>(() => new RedisMap<string, int>(database, "m", comparer: StringComparer.OrdinalIgnoreCase));
        Assert.Equal("comparer", error.ParamName);
        Assert.Contains("serialized bytes", error.Message, StringComparison.Ordinal);

        _ = new RedisMap<string, int>(database, "m", comparer: StringComparer.Ordinal);
        _ = new RedisMap<string, int>(database, "m", comparer: EqualityComparer<string>.Default);
        _ = new RedisMap<long, int>(database, "m", comparer: EqualityComparer<long>.Default);
    }

    [Fact]
    public void AMap_IsOneHashNamedAfterIt_AndCountIsThatHashsLength()
    {
        IDatabase database = garnet.Database;
        string name = SharedServer.NextName();
        var map = new RedisMap<long, string>(database, name);
        map[1] = "one";
        map[2] = "two";

        Assert.Equal((RedisKey)$"mapguard:{{{name}}}", map.ServerKey);
        Assert.Equal(2, database.HashLength(map.ServerKey));
        Assert.Equal("one", (string?)database.HashGet(map.ServerKey, 1));
        Assert.Equal(2, map.Count);

        // Fields written by any client are entries; Count sees them at once.
        database.HashSet(map.ServerKey, 3, "three");
        Assert.Equal(3, map.Count);
        Assert.Equal("three", map[3]);
    }

    [Fact]
    public void TwoConnections_UsingOneName_ShareOneMap()
    {
        string name = SharedServer.NextName();
        using ConnectionMultiplexer other = garnet.Server.Connect();
        var first = new RedisMap<string, Order>(garnet.Database, name, garnet.Options);
        var second = new RedisMap<string, Order>(other.GetDatabase(), name, garnet.Options);

        Assert.True(first.TryAdd("A-1", new Order("sku", 1, 2.5m)));
        Assert.False(second.TryAdd("A-1", new Order("sku", 9, 9m)));
        Assert.Equal(new Order("sku", 1, 2.5m), second["A-1"]);
        Assert.True(second.TryUpdate("A-1", new Order("sku", 2, 2.5m), new Order("sku", 1, 2.5m)));
        Assert.Equal(2, first["A-1"].Quantity);
    }

    [Fact]
    public void AutoEnumeration_IsASnapshotOnGarnet_AndAScanOnRedis()
    {
        Assert.Equal(RedisEnumerationMode.Snapshot, garnet.NewMap<int, int>().EnumerationMode);
        Assert.Equal(RedisEnumerationMode.Scan, redis.NewMap<int, int>().EnumerationMode);
    }

    [Theory]
    [InlineData(RedisEnumerationMode.Scan)]
    [InlineData(RedisEnumerationMode.Snapshot)]
    public void EitherEnumerationMode_YieldsEveryEntryOnce(RedisEnumerationMode mode)
    {
        var options = new RedisMapOptions { Enumeration = mode, ScanPageSize = 7 };
        var map = new RedisMap<int, int>(redis.Database, SharedServer.NextName(), options);
        for (int i = 0; i < 500; i++)
        {
            map[i] = -i;
        }

        var seen = map.ToList();
        Assert.Equal(500, seen.Count);
        Assert.Equal(Enumerable.Range(0, 500), seen.Select(p => p.Key).Order());
        Assert.All(seen, p => Assert.Equal(-p.Key, p.Value));
    }

    [Fact]
    public void AddMapGuardRedis_RegistersAWorkingMapBehindTheInterface()
    {
        var services = new ServiceCollection()
            .AddMapGuardRedis(garnet.Server.Configuration, options =>
            {
                options.OperationTimeout = TimeSpan.FromSeconds(2);
                options.Json = TestJsonContext.Default.Options;
            })
            .AddRedisMap<string, Order>(SharedServer.NextName());
        using ServiceProvider provider = services.BuildServiceProvider();

        IConcurrentMap<string, Order> orders = provider.GetRequiredService<IConcurrentMap<string, Order>>();
        Assert.Same(provider.GetRequiredService<RedisMap<string, Order>>(), orders);
        Assert.True(orders.TryAdd("A-1", new Order("sku", 1, 1m)));
        Assert.Equal(1, orders.Count);

        var connection = provider.GetRequiredService<IConnectionMultiplexer>();
        Assert.Equal(2000, connection.TimeoutMilliseconds);
    }

    [Fact]
    public void CreateConfiguration_AppliesTheTimeoutAndNeverAbortsOnConnect()
    {
        ConfigurationOptions configuration = RedisMapConnection.CreateConfiguration("127.0.0.1:1", new RedisMapOptions { OperationTimeout = TimeSpan.FromMilliseconds(750) });
        Assert.Equal(750, configuration.SyncTimeout);
        Assert.Equal(750, configuration.AsyncTimeout);
        Assert.False(configuration.AbortOnConnectFail);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RedisMapOptions { OperationTimeout = TimeSpan.Zero });
    }
}
