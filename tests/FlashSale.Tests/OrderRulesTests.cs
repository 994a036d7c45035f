using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlashSale.Api;
using FlashSale.Hosting;
using MapGuard.Redis.Tests.Servers;

namespace FlashSale.Tests;

/// <summary>
/// The idempotency key (the same key twice sells once and answers the same, in one instance or across two) and the
/// per-customer limit (<c>FlashSale:MaxUnitsPerCustomer</c>: racing orders cannot pass it; refused orders give their
/// units back).
/// </summary>
public sealed class OrderRulesTests
{
    private const string Sku = "sku-1";

    [Fact]
    public async Task TheSameIdempotencyKeyTwice_SellsOnce_AndAnswersTheSameTwice()
    {
        await using RunningFlashSale service = await StartAsync(stock: 10);
        using var client = new HttpClient { BaseAddress = service.BaseAddress };

        using HttpResponseMessage first = await OrderAsync(client, """{"sku":"sku-1","quantity":3}""", key: "order-7f3a");
        using HttpResponseMessage second = await OrderAsync(client, """{"sku":"sku-1","quantity":3}""", key: "order-7f3a");
        using HttpResponseMessage other = await OrderAsync(client, """{"sku":"sku-1","quantity":3}""", key: "order-8b21");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        string body = await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(body, await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(7, JsonDocument.Parse(body).RootElement.GetProperty("remaining").GetInt32());
        Assert.False(first.Headers.Contains(FlashSaleEndpoints.ReplayedHeader));
        Assert.Equal("true", second.Headers.GetValues(FlashSaleEndpoints.ReplayedHeader).Single());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(4, await service.Inventory.GetStockAsync(Sku, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task FiftyConcurrentRetriesOfOneKey_AcrossTwoInstancesOnOneRedisServer_SellOnce()
    {
        using var redis = new RedisTestServer();
        redis.SkipIfUnavailable();
        string map = "stock-" + Guid.NewGuid().ToString("N")[..8];
        string[] store = ["--store", "redis://" + redis.Configuration];
        await using RunningFlashSale first = await StartAsync(stock: 10, map: map, args: store);
        await using RunningFlashSale second = await StartAsync(stock: 10, map: map, args: store);
        using var client0 = new HttpClient { BaseAddress = first.BaseAddress };
        using var client1 = new HttpClient { BaseAddress = second.BaseAddress };

        HttpResponseMessage[] answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            OrderAsync(i % 2 == 0 ? client0 : client1, """{"sku":"sku-1","quantity":1}""", key: "retry-me")));

        // One sale; every other answer is that sale's answer replayed, or "still in progress" while it ran. Never a second sale.
        Assert.Equal(9, await first.Inventory.GetStockAsync(Sku, TestContext.Current.CancellationToken));
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"HTTP {(int)a.StatusCode}"));
        string[] sold = [.. await Task.WhenAll(answers.Where(a => a.StatusCode == HttpStatusCode.OK).Select(a => a.Content.ReadAsStringAsync()))];
        Assert.NotEmpty(sold);
        Assert.Single(sold.Distinct());
        using HttpResponseMessage later = await OrderAsync(client1, """{"sku":"sku-1","quantity":1}""", key: "retry-me");
        Assert.Equal(sold[0], await later.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        foreach (HttpResponseMessage answer in answers)
        {
            answer.Dispose();
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("a,b")]
    public async Task AMalformedIdempotencyKey_IsA400_AndSellsNothing(string key)
    {
        await using RunningFlashSale service = await StartAsync(stock: 10);
        using var client = new HttpClient { BaseAddress = service.BaseAddress };

        using HttpResponseMessage response = await OrderAsync(client, """{"sku":"sku-1","quantity":1}""", key: key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ErrorBody.BadIdempotencyKey, await ErrorAsync(response));
        Assert.Equal(10, await service.Inventory.GetStockAsync(Sku, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ACustomer_CannotBuyPastTheLimit_EvenWithRacingOrders_WhileOthersStillCan()
    {
        await using RunningFlashSale service = await StartAsync(stock: 100, maxPerCustomer: 2);
        using var client = new HttpClient { BaseAddress = service.BaseAddress };

        HttpResponseMessage[] racing = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            OrderAsync(client, """{"sku":"sku-1","quantity":1,"customer":"c-1"}""")));

        Assert.Equal(2, racing.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(18, racing.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(ErrorBody.CustomerLimit, await ErrorAsync(racing.First(r => r.StatusCode == HttpStatusCode.Conflict)));
        using HttpResponseMessage otherCustomer = await OrderAsync(client, """{"sku":"sku-1","quantity":2,"customer":"c-2"}""");
        Assert.Equal(HttpStatusCode.OK, otherCustomer.StatusCode);
        Assert.Equal(96, await service.Inventory.GetStockAsync(Sku, TestContext.Current.CancellationToken));
        foreach (HttpResponseMessage response in racing)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task AnOrderTheStockRefuses_GivesTheCustomersUnitsBack()
    {
        await using RunningFlashSale service = await StartAsync(stock: 1, maxPerCustomer: 2);
        using var client = new HttpClient { BaseAddress = service.BaseAddress };

        using HttpResponseMessage refused = await OrderAsync(client, """{"sku":"sku-1","quantity":2,"customer":"c-3"}""");
        Assert.Equal(ErrorBody.OutOfStock, await ErrorAsync(refused));
        using HttpResponseMessage one = await OrderAsync(client, """{"sku":"sku-1","quantity":1,"customer":"c-3"}""");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode); // the refused order's 2 units did not count against c-3
    }

    [Theory]
    [InlineData("""{"sku":"sku-1","quantity":1}""")]
    [InlineData("""{"sku":"sku-1","quantity":1,"customer":""}""")]
    [InlineData("""{"sku":"sku-1","quantity":1,"customer":"a b"}""")]
    public async Task WithALimit_AnOrderWithoutAValidCustomer_IsA400(string body)
    {
        await using RunningFlashSale service = await StartAsync(stock: 10, maxPerCustomer: 2);
        using var client = new HttpClient { BaseAddress = service.BaseAddress };

        using HttpResponseMessage response = await OrderAsync(client, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ErrorBody.CustomerRequired, await ErrorAsync(response));
        Assert.Equal(10, await service.Inventory.GetStockAsync(Sku, TestContext.Current.CancellationToken));
    }

    private static Task<RunningFlashSale> StartAsync(int stock, int maxPerCustomer = 0, string? map = null, string[]? args = null) =>
        FlashSaleApp.StartOnLoopbackAsync(
            options =>
            {
                options.Seed[Sku] = stock;
                options.MaxUnitsPerCustomer = maxPerCustomer;
                options.MapName = map ?? options.MapName;
            },
            args: args,
            cancellationToken: TestContext.Current.CancellationToken);

    private static async Task<HttpResponseMessage> OrderAsync(HttpClient client, string json, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "orders") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation(FlashSaleEndpoints.IdempotencyKeyHeader, key);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<string?> ErrorAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("error").GetString();
}
