using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using FlashSale.Hosting;
using FlashSale.Stock;
using Xunit.Sdk;

namespace FlashSale.Tests;

/// <summary>
/// The flash sale itself: the service on 127.0.0.1 with an ephemeral port, 20,000 concurrent orders of one unit
/// against 100 units. Exactly 100 succeed, every other order gets a clear 409, the stock ends at 0, and /metrics
/// reports the map's operations.
/// </summary>
public sealed class FlashSaleStormTests
{
    private const int Orders = 20_000;
    private const int Stock = 100;
    private const int Concurrency = 1_000;

    [Fact]
    public async Task TwentyThousandConcurrentOrders_AgainstHundredUnits_SellExactlyHundredAndReportOperations()
    {
        CancellationToken cancellation = TestContext.Current.CancellationToken;
        string map = "storm-" + Guid.NewGuid().ToString("N")[..8];
        await using RunningFlashSale service = await FlashSaleApp.StartOnLoopbackAsync(
            options =>
            {
                options.MapName = map;
                options.Seed["sku-flash"] = Stock;
            },
            cancellationToken: cancellation);
        Assert.Equal("127.0.0.1", service.BaseAddress.Host);
        Assert.NotEqual(0, service.BaseAddress.Port);

        var clock = Stopwatch.StartNew();
        OrderStormResult storm = await OrderStorm.RunAsync(service.BaseAddress, "sku-flash", Orders, Concurrency, cancellation);
        TestContext.Current.SendDiagnosticMessage($"{Orders:N0} orders in {clock.Elapsed.TotalSeconds:F1} s");

        Assert.Equal(Orders, storm.Responses.Length);
        Assert.Empty(storm.Problems(Stock));
        Assert.Equal(Stock, storm.Accepted);
        Assert.Equal(Orders - Stock, storm.Conflicts);

        using var client = new HttpClient { BaseAddress = service.BaseAddress };
        JsonElement stock = await client.GetFromJsonAsync<JsonElement>("stock/sku-flash", cancellation);
        Assert.Equal(0, stock.GetProperty("available").GetInt32());

        string metrics = await client.GetStringAsync("metrics", cancellation);
        List<PrometheusSample> samples = PrometheusText.Parse(metrics);
        Assert.Contains("mapguard_map_operations", metrics, StringComparison.Ordinal);
        double Operations(string op, string result) =>
            samples.SingleOrDefault(s => s.Name == "mapguard_map_operations_total" && s.Has($"map={map}", $"op={op}", $"result={result}"))?.Value ?? 0;

        // Exact: each accepted order is one successful TryUpdate; the seed is one TryAdd (set-if-absent) and no read.
        Assert.Equal(Stock, Operations("update", "stored"));
        Assert.Equal(1, Operations("add", "stored"));
        Assert.Equal(0, Operations("get", "miss"));

        // Each order reads once, and again after each lost CAS (an update "miss"); then one GET /stock. The counters
        // are striped per thread without a lock prefix (docs/design/metrics.md): two threads sharing a stripe can lose
        // an increment, never add one. So the count is at most the expected number and within 1% of it.
        double expectedReads = Orders + Operations("update", "miss") + 1;
        Assert.InRange(Operations("get", "hit"), expectedReads * 0.99, expectedReads);

        Assert.Equal(1, samples.Single(s => s.Name == "mapguard_map_entries" && s.Has($"map={map}")).Value);
        Assert.Contains(samples, s => s.Name == "dotnet_gc_collections_total"); // the runtime's GC metrics
        Assert.Contains(samples, s => s.Name == "http_server_request_duration_seconds_count" && s.Has("http_route=/orders"));
    }

    [Fact]
    public async Task NaiveReadThenWriteInventory_UnderAStorm_IsCaughtOverselling()
    {
        // The same storm and checks against an inventory that reads, checks and then sets: the checks must fail.
        CancellationToken cancellation = TestContext.Current.CancellationToken;
        await using RunningFlashSale service = await FlashSaleApp.StartOnLoopbackAsync(
            options => options.Seed["sku-flash"] = Stock,
            _ => new NaiveInventory(),
            cancellationToken: cancellation);

        OrderStormResult storm = await OrderStorm.RunAsync(service.BaseAddress, "sku-flash", 2_000, 64, cancellation);

        List<string> problems = storm.Problems(Stock);
        Assert.NotEmpty(problems);
        Assert.True(storm.Accepted > Stock, $"the naive inventory sold {storm.Accepted} orders; expected an oversell. Problems: {string.Join("; ", problems)}");
        Assert.Contains(problems, p => p.Contains("duplicate", StringComparison.Ordinal));
    }

    [Fact]
    public void StormChecks_OnAnswersWithAnUnclearConflictBody_ReportIt()
    {
        (System.Net.HttpStatusCode, string)[] answers =
        [
            (System.Net.HttpStatusCode.OK, """{"sku":"s","quantity":1,"remaining":0}"""),
            (System.Net.HttpStatusCode.Conflict, """{"error":"conflict","sku":"s","requested":1,"available":0}"""),
            (System.Net.HttpStatusCode.InternalServerError, "boom"),
        ];

        List<string> problems = new OrderStormResult("s", answers).Problems(1);

        Assert.Equal(2, problems.Count);
        Assert.StartsWith("unclear 409 body", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("unexpected HTTP 500", problems[1], StringComparison.Ordinal);
    }
}
