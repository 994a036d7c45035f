using System.Globalization;
using MapGuard.Redis.Tests.Servers;
using StackExchange.Redis;

namespace MapGuard.Redis.Tests.Behaviour;

/// <summary>
/// RedisMap's server-side bounded add (<see cref="IAsyncCounterMap{TKey}.AddWithinAsync"/>): its outcomes, its bounds,
/// its exactness under contention from two connections, and that it costs one command per call.
/// </summary>
public sealed class CounterTests(SharedGarnet garnet, SharedRedis redis)
{
    [Theory]
    [InlineData("garnet")]
    [InlineData("redis")]
    public async Task AddWithin_AppliesInsideTheBounds_RefusesOutside_AndReportsMissingKeys(string product)
    {
        CancellationToken cancellation = TestContext.Current.CancellationToken;
        RedisMap<string, int> map = Server(product).NewMap<string, int>();

        Assert.Equal(new CounterUpdate(CounterOutcome.Missing, 0), await map.AddWithinAsync("a", -1, 0, 100, cancellationToken: cancellation));
        Assert.True(map.IsEmpty);
        Assert.Equal(new CounterUpdate(CounterOutcome.OutOfRange, 0), await map.AddWithinAsync("a", 500, 0, 100, createIfMissing: true, cancellation));
        Assert.True(map.IsEmpty);
        Assert.Equal(new CounterUpdate(CounterOutcome.Applied, 5), await map.AddWithinAsync("a", 5, 0, 100, createIfMissing: true, cancellation));
        Assert.Equal(new CounterUpdate(CounterOutcome.Applied, 2), await map.AddWithinAsync("a", -3, 0, 100, cancellationToken: cancellation));
        Assert.Equal(new CounterUpdate(CounterOutcome.OutOfRange, 2), await map.AddWithinAsync("a", -3, 0, 100, cancellationToken: cancellation));
        Assert.Equal(new CounterUpdate(CounterOutcome.Applied, 0), await map.AddWithinAsync("a", -2, 0, 100, cancellationToken: cancellation));
        Assert.Equal(0, map["a"]);

        // The value type's range bounds the result even when the caller's bounds are wider.
        map["b"] = int.MaxValue - 1;
        Assert.Equal(new CounterUpdate(CounterOutcome.OutOfRange, int.MaxValue - 1), await map.AddWithinAsync("b", 2, long.MinValue, long.MaxValue, cancellationToken: cancellation));
        Assert.Equal(new CounterUpdate(CounterOutcome.Applied, int.MinValue), await map.AddWithinAsync("c", int.MinValue, long.MinValue, long.MaxValue, createIfMissing: true, cancellation));
        Assert.Equal(int.MinValue, map["c"]);
    }

    [Fact]
    public async Task AddWithin_RefusesBadArgumentsAndNonIntegerValues()
    {
        RedisMap<string, int> map = garnet.NewMap<string, int>();
        Assert.Equal("minimum", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => map.AddWithinAsync("a", 1, 5, 4, cancellationToken: TestContext.Current.CancellationToken).AsTask())).ParamName);
        Assert.Equal("delta", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => map.AddWithinAsync("a", long.MinValue, 0, 4, cancellationToken: TestContext.Current.CancellationToken).AsTask())).ParamName);
        Assert.Equal("key", (await Assert.ThrowsAsync<ArgumentNullException>(() => map.AddWithinAsync(null!, 1, 0, 4, cancellationToken: TestContext.Current.CancellationToken).AsTask())).ParamName);
        RedisMap<string, string> text = garnet.NewMap<string, string>();
        await Assert.ThrowsAsync<NotSupportedException>(() => text.AddWithinAsync("a", 1, 0, 4, cancellationToken: TestContext.Current.CancellationToken).AsTask());
    }

    [Theory]
    [InlineData("garnet")]
    [InlineData("redis")]
    public async Task TwoConnections_DecrementingOneStockConcurrently_SellExactlyTheStock(string product)
    {
        const int Stock = 300;
        const int Attempts = 2_000;
        CancellationToken cancellation = TestContext.Current.CancellationToken;
        SharedServer server = Server(product);
        string name = SharedServer.NextName();
        using ConnectionMultiplexer first = server.Server.Connect();
        using ConnectionMultiplexer second = server.Server.Connect();
        RedisMap<string, int>[] maps = [new(first.GetDatabase(), name), new(second.GetDatabase(), name)];
        Assert.True(maps[0].TryAdd("sku", Stock));

        int next = -1;
        var remainders = new System.Collections.Concurrent.ConcurrentBag<long>();
        int refused = 0;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task BuyerAsync(RedisMap<string, int> map)
        {
            await start.Task;
            while (Interlocked.Increment(ref next) < Attempts)
            {
                CounterUpdate update = await map.AddWithinAsync("sku", -1, 0, int.MaxValue, cancellationToken: cancellation);
                if (update.Outcome == CounterOutcome.Applied)
                {
                    remainders.Add(update.Value);
                }
                else
                {
                    Assert.Equal(new CounterUpdate(CounterOutcome.OutOfRange, 0), update);
                    Interlocked.Increment(ref refused);
                }
            }
        }

        Task[] buyers = [.. Enumerable.Range(0, 64).Select(i => Task.Run(() => BuyerAsync(maps[i % 2]), cancellation))];
        start.SetResult();
        await Task.WhenAll(buyers).WaitAsync(TimeSpan.FromSeconds(60), cancellation); // watchdog

        Assert.Equal(Enumerable.Range(0, Stock).Select(i => (long)i), remainders.Order()); // each unit sold once
        Assert.Equal(Attempts - Stock, refused);
        Assert.Equal(0, maps[1]["sku"]);
    }

    [Fact]
    public async Task AnOrder_IsOneServerCommand_WhateverTheContention()
    {
        // redis-server counts every command it runs (INFO commandstats). 1,000 concurrent decrements of one key against
        // 100 units: the stock's commands are exactly one script call per decrement, accepted or refused.
        using var server = new RedisTestServer();
        server.SkipIfUnavailable();
        using ConnectionMultiplexer connection = server.Connect();
        var map = new RedisMap<string, int>(connection.GetDatabase(), SharedServer.NextName());
        Assert.True(map.TryAdd("sku", 100));
        IServer admin = connection.GetServer(connection.GetEndPoints()[0]);
        await admin.ExecuteAsync("CONFIG", "RESETSTAT");

        CounterUpdate[] updates = await Task.WhenAll(Enumerable.Range(0, 1_000).Select(_ => map.AddWithinAsync("sku", -1, 0, int.MaxValue, cancellationToken: TestContext.Current.CancellationToken).AsTask()));

        Assert.Equal(100, updates.Count(u => u.Outcome == CounterOutcome.Applied));
        Dictionary<string, long> calls = await CommandCallsAsync(admin);
        // commandstats counts the commands a script runs too: each script reads once (HGET) and 100 of them write (HINCRBY).
        Assert.Equal(1_000, calls.GetValueOrDefault("evalsha") + calls.GetValueOrDefault("eval"));
        Assert.Equal(1_000, calls.GetValueOrDefault("hget"));
        Assert.Equal(100, calls.GetValueOrDefault("hincrby"));
        Assert.Equal(0, calls.GetValueOrDefault("hset") + calls.GetValueOrDefault("hsetnx"));
    }

    /// <summary>Calls per command since the last <c>CONFIG RESETSTAT</c>, from <c>INFO commandstats</c>.</summary>
    internal static async Task<Dictionary<string, long>> CommandCallsAsync(IServer server)
    {
        var calls = new Dictionary<string, long>(StringComparer.Ordinal);
        string info = (string)(await server.ExecuteAsync("INFO", "commandstats"))!;
        foreach (string line in info.Split('\n'))
        {
            // cmdstat_evalsha:calls=1000,usec=...,rejected_calls=0,failed_calls=0
            if (!line.StartsWith("cmdstat_", StringComparison.Ordinal))
            {
                continue;
            }

            string command = line[8..line.IndexOf(':', StringComparison.Ordinal)];
            foreach (string part in line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim().Split(','))
            {
                string[] pair = part.Split('=');
                if (pair[0] == "calls")
                {
                    calls[command] = long.Parse(pair[1], CultureInfo.InvariantCulture);
                }
            }
        }

        return calls;
    }

    private SharedServer Server(string product) => product == "garnet" ? garnet : redis;
}
