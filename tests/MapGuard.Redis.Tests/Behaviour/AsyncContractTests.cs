using MapGuard.Redis.Tests.Servers;

namespace MapGuard.Redis.Tests.Behaviour;

/// <summary>
/// RedisMap through <see cref="IAsyncConcurrentMap{TKey, TValue}"/>: each operation against both servers, with the
/// synchronous namesake's result, and cancellation.
/// </summary>
public sealed class AsyncContractTests(SharedGarnet garnet, SharedRedis redis)
{
    [Theory]
    [InlineData("garnet")]
    [InlineData("redis")]
    public async Task EveryAsyncOperation_BehavesAsItsSynchronousNamesake(string product)
    {
        CancellationToken cancellation = TestContext.Current.CancellationToken;
        RedisMap<int, string> map = Server(product).NewMap<int, string>();
        IAsyncConcurrentMap<int, string> async = map;

        Assert.False((await async.TryGetValueAsync(1, cancellation)).Found);
        Assert.True(await async.TryAddAsync(1, "one", cancellation));
        Assert.False(await async.TryAddAsync(1, "uno", cancellation));
        Assert.Equal(new MapLookup<string>("one"), await async.TryGetValueAsync(1, cancellation));
        await async.SetAsync(2, "two", cancellation);
        Assert.Equal("two", map[2]);
        Assert.True(await async.ContainsKeyAsync(2, cancellation));
        Assert.False(await async.TryUpdateAsync(2, "deux", "zwei", cancellation));
        Assert.True(await async.TryUpdateAsync(2, "deux", "two", cancellation));
        Assert.Equal("deux", await async.GetOrAddAsync(2, "x", cancellation));
        Assert.Equal("three", await async.GetOrAddAsync(3, "three", cancellation));
        Assert.Equal("four", await async.GetOrAddAsync(4, k => "four", cancellation));
        Assert.Equal("four!", await async.AddOrUpdateAsync(4, "new", (k, v) => v + "!", cancellation));
        Assert.Equal("five", await async.AddOrUpdateAsync(5, k => "five", (k, v) => v + "!", cancellation));
        Assert.Equal(5, await async.CountAsync(cancellation));

        var seen = new Dictionary<int, string>();
        await foreach (KeyValuePair<int, string> entry in async.WithCancellation(cancellation))
        {
            seen.Add(entry.Key, entry.Value);
        }

        Assert.Equal(new Dictionary<int, string> { [1] = "one", [2] = "deux", [3] = "three", [4] = "four!", [5] = "five" }, seen);
        Assert.Equal(new MapLookup<string>("one"), await async.TryRemoveAsync(1, cancellation));
        Assert.False((await async.TryRemoveAsync(1, cancellation)).Found);
        await async.ClearAsync(cancellation);
        Assert.Equal(0, await async.CountAsync(cancellation));
    }

    [Fact]
    public async Task AsAsync_OfARedisMap_IsTheMapItself()
    {
        RedisMap<int, int> map = garnet.NewMap<int, int>();
        Assert.Same(map, ((IConcurrentMap<int, int>)map).AsAsync());
        Assert.Same(map, ((IConcurrentMap<int, int>)map).AsAsyncCounter());
        await Task.CompletedTask;
    }

    [Fact]
    public async Task ATokenCancelledBeforeTheCall_SendsNothing()
    {
        RedisMap<int, int> map = redis.NewMap<int, int>();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => map.TryAddAsync(1, 1, cancelled.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => map.AddWithinAsync(1, 1, 0, 10, createIfMissing: true, cancelled.Token).AsTask());
        Assert.True(map.IsEmpty);
    }

    [Fact]
    public async Task APendingOrder_CancelledWhileTheServerHoldsIt_StopsWaitingAtOnce()
    {
        // CLIENT PAUSE ... WRITE makes redis-server hold write commands (scripts that write included) unanswered. The
        // order's token is cancelled 200 ms in: the call must end then, not at the 5 s timeout and not never.
        using var server = new RedisTestServer();
        server.SkipIfUnavailable();
        using StackExchange.Redis.ConnectionMultiplexer connection = server.Connect();
        var map = new RedisMap<string, int>(connection.GetDatabase(), SharedServer.NextName());
        Assert.True(map.TryAdd("sku", 10));
        await map.AddWithinAsync("sku", -1, 0, int.MaxValue, cancellationToken: TestContext.Current.CancellationToken); // loads the script

        connection.GetServer(connection.GetEndPoints()[0]).Execute("CLIENT", "PAUSE", "3000", "WRITE");
        using var order = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => map.AddWithinAsync("sku", -1, 0, int.MaxValue, cancellationToken: order.Token).AsTask());
        clock.Stop();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2.5), $"the cancelled order took {clock.Elapsed.TotalMilliseconds:F0} ms");

        // The cancelled wait did not cancel the script: it runs when the pause ends (an unknown outcome, as documented).
        var settle = System.Diagnostics.Stopwatch.StartNew();
        while (map["sku"] != 8 && settle.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Equal(8, map["sku"]);
    }

    private SharedServer Server(string product) => product == "garnet" ? garnet : redis;
}
