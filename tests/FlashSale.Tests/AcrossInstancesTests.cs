using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FlashSale.Api;
using FlashSale.Hosting;
using FlashSale.Stock;
using MapGuard.Redis;
using MapGuard.Redis.Tests.Servers;
using StackExchange.Redis;

namespace FlashSale.Tests;

/// <summary>
/// FlashSale across instances: ONE Garnet server in this process (Lua on, scripts as transactions) and TWO FlashSale
/// services on 127.0.0.1 ephemeral ports, both started with <c>--store redis://127.0.0.1:PORT</c>, so their stock is
/// one RedisMap. 20,000 orders of one unit, split across both, against 100 units: exactly 100 succeed, each leaving a
/// different remainder, every other order is a clear 409, and both instances read the stock as 0 at the end.
/// </summary>
public sealed class AcrossInstancesTests
{
    private const int Orders = 20_000;
    private const int Stock = 100;
    private const int Concurrency = 1_000; // in total, half per instance
    private const string Sku = "sku-flash";

    [Fact]
    public async Task TwoInstancesOnOneGarnet_TwentyThousandOrdersAgainstHundredUnits_SellExactlyHundred()
    {
        CancellationToken cancellation = TestContext.Current.CancellationToken;
        using var garnet = new GarnetTestServer();
        string store = "redis://" + garnet.Configuration;
        string map = "stock-" + Guid.NewGuid().ToString("N")[..8];
        await using RunningFlashSale first = await StartAsync(["--store", store], map, inventory: null, cancellation);
        await using RunningFlashSale second = await StartAsync(["--store", store], map, inventory: null, cancellation);
        Assert.NotEqual(first.BaseAddress, second.BaseAddress);

        // Both read one stock: the second instance's seed found the SKU and left it alone (not 200 units).
        Assert.Equal(Stock, await second.Inventory.GetStockAsync(Sku, cancellation));
        using (ConnectionMultiplexer direct = garnet.Connect())
        {
            Assert.Equal("100", (string?)direct.GetDatabase().HashGet("mapguard:{" + map + "}", Sku));
        }

        var clock = Stopwatch.StartNew();
        OrderStormResult storm = await OrderStorm.RunAsync([first.BaseAddress, second.BaseAddress], Sku, Orders, Concurrency, cancellation);
        (int orders0, int sold0) = storm.Of(0);
        (int orders1, int sold1) = storm.Of(1);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Orders:N0} orders across two instances on one Garnet in {clock.Elapsed.TotalSeconds:F1} s: instance 0 answered {orders0:N0} and sold {sold0}, instance 1 answered {orders1:N0} and sold {sold1}"));

        Assert.Equal(Orders, storm.Responses.Length);
        Assert.Empty(storm.Problems(Stock));
        Assert.Equal(Stock, storm.Accepted);
        Assert.Equal(Orders - Stock, storm.Conflicts);
        Assert.Equal(Orders, orders0 + orders1);
        Assert.InRange(orders0, Orders / 4, Orders * 3 / 4); // the orders really were split across both

        foreach (RunningFlashSale instance in new[] { first, second })
        {
            using var client = new HttpClient { BaseAddress = instance.BaseAddress };
            JsonElement stock = await client.GetFromJsonAsync<JsonElement>("stock/" + Sku, cancellation);
            Assert.Equal(0, stock.GetProperty("available").GetInt32());
        }
    }

    [Fact]
    public async Task TwoInstancesOnOneRedisServer_ThousandOrdersInFlight_SellExactlyTheStock_InOneRoundTripPerOrder()
    {
        // The issue-25 storm: a redis-server process (not in this process, so no thread pool is shared with the server),
        // two FlashSale instances sharing its stock, 20,000 one-unit orders with 1,000 in flight at once, against 100
        // units. No thread-pool floor: every order awaits its one round trip. Each instance's RedisMap database counts
        // the commands it sends (CountingDatabase), so the round trips per order are counted exactly, per client.
        const int InFlight = 1_000;
        CancellationToken cancellation = TestContext.Current.CancellationToken;
        using var redis = new RedisTestServer();
        redis.SkipIfUnavailable();
        string map = "stock-" + Guid.NewGuid().ToString("N")[..8];
        var counters = new List<CountingDatabase>();
        IInventory Counted(FlashSaleOptions options)
        {
            var mapOptions = new RedisMapOptions();
            ConnectionMultiplexer connection = ConnectionMultiplexer.Connect(RedisMapConnection.CreateConfiguration(redis.Configuration, mapOptions));
            (IDatabase database, CountingDatabase counter) = CountingDatabase.Wrap(connection.GetDatabase());
            counters.Add(counter);
            return new MapGuardInventory(new RedisMap<string, int>(database, options.MapName, mapOptions, StringComparer.Ordinal), connection);
        }

        await using RunningFlashSale first = await StartAsync([], map, Counted, cancellation);
        await using RunningFlashSale second = await StartAsync([], map, Counted, cancellation);
        counters.ForEach(c => c.Reset()); // the seeds

        var clock = Stopwatch.StartNew();
        OrderStormResult storm = await OrderStorm.RunAsync([first.BaseAddress, second.BaseAddress], Sku, Orders, InFlight, cancellation);
        long roundTrips = counters.Sum(c => c.Commands);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Orders:N0} orders, {storm.PeakInFlight:N0} in flight, across two instances on one redis-server in {clock.Elapsed.TotalSeconds:F1} s: {roundTrips:N0} round trips"));

        Assert.Equal(InFlight, storm.PeakInFlight);
        Assert.Equal(Orders, storm.Responses.Length);
        Assert.Empty(storm.Problems(Stock)); // exactly the stock sold, no unit twice, every other answer a clean 409: no 5xx
        Assert.Equal(Stock, storm.Accepted);
        Assert.Equal(Orders - Stock, storm.Conflicts);
        Assert.InRange(storm.Of(0).Orders, Orders / 4, Orders * 3 / 4);
        Assert.True(
            roundTrips <= (2L * storm.Accepted) + storm.Conflicts,
            $"{roundTrips} round trips for {storm.Accepted} sales and {storm.Conflicts} refusals: more than 2 per sale and 1 per refusal");
        Assert.Equal(Orders, roundTrips); // in fact exactly one each: the AddWithin script

        using var client = new HttpClient { BaseAddress = second.BaseAddress };
        JsonElement stock = await client.GetFromJsonAsync<JsonElement>("stock/" + Sku, cancellation);
        Assert.Equal(0, stock.GetProperty("available").GetInt32());
    }

    [Fact]
    public async Task ProcessLockedInventory_OnTwoInstancesOfOneGarnet_IsCaughtOverselling()
    {
        // The same storm and checks, but each instance serialises orders with a lock of its own: correct in one process,
        // blind to the other instance. The checks must fail.
        CancellationToken cancellation = TestContext.Current.CancellationToken;
        using var garnet = new GarnetTestServer();
        string map = "stock-" + Guid.NewGuid().ToString("N")[..8];
        using ConnectionMultiplexer connection0 = garnet.Connect();
        using ConnectionMultiplexer connection1 = garnet.Connect();
        await using RunningFlashSale first = await StartAsync([], map, o => new ProcessLockedInventory(new RedisMap<string, int>(connection0.GetDatabase(), o.MapName)), cancellation);
        await using RunningFlashSale second = await StartAsync([], map, o => new ProcessLockedInventory(new RedisMap<string, int>(connection1.GetDatabase(), o.MapName)), cancellation);

        OrderStormResult storm = await OrderStorm.RunAsync([first.BaseAddress, second.BaseAddress], Sku, 2_000, 32, cancellation);

        List<string> problems = storm.Problems(Stock);
        Assert.NotEmpty(problems);
        Assert.True(storm.Accepted > Stock, $"two process-locked instances sold {storm.Accepted} orders; expected an oversell. Problems: {string.Join("; ", problems)}");
        Assert.Contains(problems, p => p.Contains("duplicate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StoreThatStopsAnswering_TurnsAnOrderIntoA503SayingNothingChanged()
    {
        CancellationToken cancellation = TestContext.Current.CancellationToken;
        using var garnet = new GarnetTestServer();
        string map = "stock-" + Guid.NewGuid().ToString("N")[..8];
        // A short timeout keeps the test short; the store's own default is RedisMapOptions.OperationTimeout (5 s).
        var options = new RedisMapOptions { OperationTimeout = TimeSpan.FromMilliseconds(500) };
        using ConnectionMultiplexer connection = garnet.Connect(options);
        await using RunningFlashSale service = await StartAsync([], map, o => new MapGuardInventory(new RedisMap<string, int>(connection.GetDatabase(), o.MapName, options)), cancellation);
        using var client = new HttpClient { BaseAddress = service.BaseAddress };

        garnet.Stop();
        using var order = new StringContent($$"""{"sku":"{{Sku}}","quantity":1}""", System.Text.Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await client.PostAsync("orders", order, cancellation);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellation);
        Assert.Equal(ErrorBody.StoreUnavailable, body.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData(null, null, false)]
    [InlineData("memory", null, false)]
    [InlineData("redis://127.0.0.1:6380", "127.0.0.1:6380", false)]
    [InlineData("redis://cache.internal", "cache.internal:6379", false)]
    [InlineData("REDIS://[::1]:7000/", "[::1]:7000", false)]
    [InlineData("rediss://cache.internal:6380", "cache.internal:6380", true)]
    [InlineData("REDISS://cache.internal", "cache.internal:6379", true)]
    public void ParseRedis_ReadsTheStoreSetting(string? store, string? endpoint, bool tls)
    {
        RedisStore? parsed = StockStore.ParseRedis(store);

        Assert.Equal(endpoint, parsed?.Endpoint);
        Assert.Equal(tls, parsed?.UsesTls ?? false);
    }

    [Theory]
    [InlineData("127.0.0.1:6379", "127.0.0.1:6379")]
    [InlineData("http://127.0.0.1:6379", "http://127.0.0.1:6379")]
    [InlineData("redis://user:hunter2@127.0.0.1:6379", "redis://*****@127.0.0.1:6379")]
    [InlineData("redis://:hunter2@127.0.0.1:6379", "redis://*****@127.0.0.1:6379")]
    [InlineData("redis://:hun/ter2@host", "redis://*****@host")]
    [InlineData("redis://:hunter2@host:1/db?ssl=true", "redis://*****@host:1/db?ssl=true")]
    [InlineData("host:6379,password=hunter2", "host:6379,password=*****")]
    [InlineData("redis://127.0.0.1:6379/2", "redis://127.0.0.1:6379/2")]
    [InlineData("redis://127.0.0.1:6379?ssl=true", "redis://127.0.0.1:6379?ssl=true")]
    [InlineData("rediss://:hunter2@host:6380", "rediss://*****@host:6380")]
    [InlineData("disk", "disk")]
    public void ParseRedis_RefusesAnythingElse_NamingTheSettingWithoutCredentials(string store, string shown)
    {
        // redis://:password@host was refused with the password in the message, and the host printed it unhandled.
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => StockStore.ParseRedis(store));
        Assert.StartsWith($"FlashSale:Store = '{shown}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("redis://HOST:PORT", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hun/", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WithAPasswordInTheStore_FailsWithoutShowingIt()
    {
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => FlashSaleApp.Build(["--store", "redis://:hunter2@127.0.0.1:6379"]));

        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WithABadStore_FailsBeforeServing()
    {
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => FlashSaleApp.Build(["--store", "redis://h:1/db"]));
        Assert.Contains("FlashSale:Store", error.Message, StringComparison.Ordinal);
    }

    private static Task<RunningFlashSale> StartAsync(string[] args, string map, Func<FlashSaleOptions, IInventory>? inventory, CancellationToken cancellation) =>
        FlashSaleApp.StartOnLoopbackAsync(
            options =>
            {
                options.MapName = map;
                options.Seed[Sku] = Stock;
            },
            inventory,
            args,
            cancellation);
}
