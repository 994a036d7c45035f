using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FlashSale.Api;
using FlashSale.Hosting;
using MapGuard.Redis.Tests.Servers;
using StackExchange.Redis;

namespace FlashSale.Tests;

/// <summary>
/// FlashSale on a redis-server whose stock record was written by something else, in a form RedisMap does not write
/// (<c>0100</c> for 100, <c>abc</c>): an order is a clean 500 naming the SKU, at once, and the record is left alone.
/// Before, the order loop read 100, compared "100" with "0100" on the server, failed, and read again, forever, ignoring
/// the request's cancellation; "abc" was a raw InvalidCastException.
/// </summary>
public sealed class StoreDataTests
{
    private const string Sku = "sku-flash";

    [Theory]
    [InlineData("0100")]
    [InlineData("+100")]
    [InlineData("1e2")]
    [InlineData("abc")]
    [InlineData("99999999999")]
    public async Task AStockRecordNotInCanonicalForm_MakesAnOrderAClean500NamingTheSku_WithoutRetrying(string stored)
    {
        CancellationToken cancellation = TestContext.Current.CancellationToken;
        using var redis = new RedisTestServer();
        redis.SkipIfUnavailable();
        string map = "stock-" + Guid.NewGuid().ToString("N")[..8];
        await using RunningFlashSale service = await FlashSaleApp.StartOnLoopbackAsync(
            options =>
            {
                options.MapName = map;
                options.Seed[Sku] = 100;
            },
            args: ["--store", "redis://" + redis.Configuration],
            cancellationToken: cancellation);
        using (ConnectionMultiplexer direct = redis.Connect())
        {
            await direct.GetDatabase().HashSetAsync("mapguard:{" + map + "}", Sku, stored);
        }

        // A watchdog: the spinning loop never answered.
        using var client = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        using var order = new StringContent($$"""{"sku":"{{Sku}}","quantity":1}""", System.Text.Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await client.PostAsync("orders", order, cancellation);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellation);
        Assert.Equal(ErrorBody.StockRecordCorrupt, body.GetProperty("error").GetString());
        Assert.Equal(Sku, body.GetProperty("sku").GetString());

        using HttpResponseMessage read = await client.GetAsync("stock/" + Sku, cancellation);
        Assert.Equal(HttpStatusCode.InternalServerError, read.StatusCode);
        using ConnectionMultiplexer check = redis.Connect();
        Assert.Equal(stored, (string?)await check.GetDatabase().HashGetAsync("mapguard:{" + map + "}", Sku));
    }
}
