using FlashSale.Hosting;
using FlashSale.Load;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FlashSale.Tests;

/// <summary>The bounded load command: loopback only, clear errors, and a report whose stock check can fail.</summary>
public sealed class LoadCommandTests
{
    public static TheoryData<string[], string> BadArguments() => new()
    {
        { ["load", "--url", "http://10.0.0.5:5080"], "--url: '10.0.0.5' is not a loopback address" },
        { ["load", "--url", "http://192.168.1.20"], "--url: '192.168.1.20' is not a loopback address" },
        { ["load", "--url", "http://example.com:5080"], "--url: 'example.com' is not a loopback address" },
        { ["load", "--url", "http://[2001:db8::1]:5080"], "--url: '[2001:db8::1]' is not a loopback address" },
        { ["load", "--url", "http://0.0.0.0:5080"], "--url: '0.0.0.0' is not a loopback address" },
        { ["load", "--url", "https://127.0.0.1:5080"], "is not an http:// URL" },
        { ["load", "--url", "127.0.0.1:5080"], "is not an http:// URL" },
        { ["load", "--seconds", "0"], "--seconds: must be between 1 and 300 (got 0)" },
        { ["load", "--seconds", "301"], "--seconds: must be between 1 and 300 (got 301)" },
        { ["load", "--seconds", "ten"], "--seconds: 'ten' is not a whole number" },
        { ["load", "--concurrency", "0"], "--concurrency: must be between 1 and 1,024 (got 0)" },
        { ["load", "--quantity", "0"], "--quantity: must be between 1 and 1,000 (got 0)" },
        { ["load", "--sku", "no spaces"], "--sku: sku must be" },
        { ["load", "--url", "http://127.0.0.1:5080", "--stock", "10"], "--stock sets up the in-process service" },
        { ["load", "--bogus"], "Unrecognized command or argument '--bogus'" },
        { ["load", "--url", "http://127.0.0.1:5080", "--store", "redis://127.0.0.1:6379"], "--store sets up the in-process service" },
        { ["load", "--store", "disk"], "--store: FlashSale:Store = 'disk'" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public async Task Load_WithBadArguments_PrintsOneLineAndExitsWithTwo(string[] args, string expected)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        int exit = await LoadCommand.RunAsync(args, stdout, stderr, TestContext.Current.CancellationToken);

        Assert.Equal(LoadCommand.UsageExitCode, exit);
        Assert.Contains(expected, stderr.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("error: ", stderr.ToString(), StringComparison.Ordinal);
        Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(stdout.ToString());
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080/")]
    [InlineData("http://127.1.2.3:80/", "http://127.1.2.3/")]
    [InlineData("http://[::1]:5080", "http://[::1]:5080/")]
    [InlineData("http://localhost:5080/shop", "http://localhost:5080/shop/")]
    public void LoopbackTarget_AcceptsLoopbackHosts(string url, string expected) =>
        Assert.Equal(expected, LoopbackTarget.Parse(url).ToString());

    [Fact]
    public async Task LoopbackClient_NeverConnectsOutsideLoopback()
    {
        // Parse refuses such a URL; the client's own connect hook refuses it too, as a second line.
        using HttpClient client = LoopbackTarget.CreateClient(new Uri("http://10.255.255.1:9/"), 1);

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("stock/x", TestContext.Current.CancellationToken));

        Assert.Contains("does not resolve to a loopback address", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_InProcess_ReportsRateAndP99AndABalancedStock()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        int exit = await LoadCommand.RunAsync(["load", "--seconds", "1", "--concurrency", "8", "--stock", "300"], stdout, stderr, TestContext.Current.CancellationToken);

        string report = stdout.ToString();
        Assert.True(exit == LoadCommand.SuccessExitCode, $"exit {exit}; stdout: {report}; stderr: {stderr}");
        Assert.Matches(@"requests  [\d,]+ in 1\.\d\d s = [\d,]+ req/s \(8 concurrent clients", report);
        Assert.Matches(@"latency   p50 \d+\.\d\d ms · p90 \d+\.\d\d ms · p99 \d+\.\d\d ms · max \d+\.\d\d ms", report);
        Assert.Contains("(balances: no oversell)", report, StringComparison.Ordinal);
        Assert.Contains("transport errors 0", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_WithARedisStore_RunsTheAsyncPath_Balances_AndLeavesNoMapBehind()
    {
        using var redis = new MapGuard.Redis.Tests.Servers.RedisTestServer();
        redis.SkipIfUnavailable();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        int exit = await LoadCommand.RunAsync(
            ["load", "--seconds", "1", "--concurrency", "64", "--stock", "300", "--store", "redis://" + redis.Configuration], stdout, stderr, TestContext.Current.CancellationToken);

        string report = stdout.ToString();
        Assert.True(exit == LoadCommand.SuccessExitCode, $"exit {exit}; stdout: {report}; stderr: {stderr}");
        Assert.Contains("(balances: no oversell)", report, StringComparison.Ordinal);
        Assert.Contains("transport errors 0", report, StringComparison.Ordinal);
        Assert.Contains("stock in map load-", stderr.ToString(), StringComparison.Ordinal);
        using StackExchange.Redis.ConnectionMultiplexer check = redis.Connect();
        Assert.Equal(0, await check.GetServer(check.GetEndPoints()[0]).DatabaseSizeAsync());
    }

    [Fact]
    public async Task Load_WithUrl_RunsAgainstThatServiceAndDoesNotClaimTheBalance()
    {
        await using RunningFlashSale service = await FlashSaleApp.StartOnLoopbackAsync(o => o.Seed["sku-9"] = 50, cancellationToken: TestContext.Current.CancellationToken);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        int exit = await LoadCommand.RunAsync(["load", "--url", service.BaseAddress.ToString(), "--sku", "sku-9", "--seconds", "1", "--concurrency", "4"], stdout, stderr, TestContext.Current.CancellationToken);

        Assert.True(exit == LoadCommand.SuccessExitCode, $"exit {exit}; stdout: {stdout}; stderr: {stderr}");
        Assert.Contains("(not checked: other clients may share this service)", stdout.ToString(), StringComparison.Ordinal);
        Assert.True(await service.Inventory.GetStockAsync("sku-9", TestContext.Current.CancellationToken) < 50);
    }

    [Fact]
    public async Task Load_WithUrl_ForAnUnknownSku_SaysSoAndExitsWithTwo()
    {
        await using RunningFlashSale service = await FlashSaleApp.StartOnLoopbackAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        int exit = await LoadCommand.RunAsync(["load", "--url", service.BaseAddress.ToString(), "--sku", "sku-none"], stdout, stderr, TestContext.Current.CancellationToken);

        Assert.Equal(LoadCommand.UsageExitCode, exit);
        Assert.Contains("--sku: 'sku-none' does not exist at", stderr.ToString(), StringComparison.Ordinal);
        Assert.Empty(stdout.ToString());
    }

    [Fact]
    public async Task Load_WithUrl_OfAnotherService_SaysItIsNotFlashSaleAndExitsWithTwo()
    {
        WebApplication other = WebApplication.CreateBuilder(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default", "Warning"]).Build();
        other.MapGet("/stock/{sku}", () => Results.Text("<html>not a stock level</html>", "text/html"));
        await other.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();

            int exit = await LoadCommand.RunAsync(["load", "--url", other.Urls.First()], stdout, stderr, TestContext.Current.CancellationToken);

            Assert.Equal(LoadCommand.UsageExitCode, exit);
            Assert.Contains("answered no stock level; is this the FlashSale service?", stderr.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            await other.DisposeAsync();
        }
    }

    [Fact]
    public async Task Load_WithUrl_WhereNothingListens_SaysItCannotReachItAndExitsWithTwo()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        int exit = await LoadCommand.RunAsync(["load", "--url", "http://127.0.0.1:1"], stdout, stderr, TestContext.Current.CancellationToken);

        Assert.Equal(LoadCommand.UsageExitCode, exit);
        Assert.Contains("cannot reach the FlashSale service at http://127.0.0.1:1/", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadRunner_AgainstTheRealInventory_Balances()
    {
        await using RunningFlashSale service = await FlashSaleApp.StartOnLoopbackAsync(o => o.Seed["load-1"] = 200, cancellationToken: TestContext.Current.CancellationToken);
        using HttpClient client = LoopbackTarget.CreateClient(service.BaseAddress, 16);

        LoadReport report = await LoadRunner.RunAsync(client, new LoadSettings(TimeSpan.FromSeconds(1), 16, "load-1", 1), TestContext.Current.CancellationToken);

        Assert.True(report.Requests > 0);
        Assert.Equal(report.Requests, report.Accepted + report.OutOfStock);
        Assert.True(report.Accepted <= 200);
        Assert.True(report.StockBalances, $"{report.StockBefore} - {report.Accepted} != {report.StockAfter}");
        Assert.True(report.RequestsPerSecond > 0);
        Assert.InRange(report.Latency.P50, double.Epsilon, report.Latency.P99);
        Assert.True(report.Latency.P99 <= report.Latency.Max);
    }

    [Fact]
    public async Task LoadRunner_AgainstANaiveInventory_ReportsTheStockDoesNotBalance()
    {
        await using RunningFlashSale service = await FlashSaleApp.StartOnLoopbackAsync(o => o.Seed["load-1"] = 1_000_000, _ => new NaiveInventory(), cancellationToken: TestContext.Current.CancellationToken);
        using HttpClient client = LoopbackTarget.CreateClient(service.BaseAddress, 32);

        LoadReport report = await LoadRunner.RunAsync(client, new LoadSettings(TimeSpan.FromSeconds(1), 32, "load-1", 1), TestContext.Current.CancellationToken);

        Assert.False(report.StockBalances, $"the naive inventory sold {report.Accepted} units but the stock fell by {report.StockBefore - report.StockAfter}");
        using var text = new StringWriter();
        report.Write(text, stockChecked: true);
        Assert.Contains("DOES NOT BALANCE", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void LatencySummary_UsesNearestRank()
    {
        long perMillisecond = System.Diagnostics.Stopwatch.Frequency / 1_000;
        long[] ticks = [.. Enumerable.Range(1, 100).Select(i => i * perMillisecond).Reverse()];

        LatencySummary summary = LatencySummary.FromTicks(ticks);

        Assert.Equal(50, summary.P50, 6);
        Assert.Equal(90, summary.P90, 6);
        Assert.Equal(99, summary.P99, 6);
        Assert.Equal(100, summary.Max, 6);
    }
}
