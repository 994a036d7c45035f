using System.Net;
using FlashSale.Hosting;
using MapGuard.Redis;
using MapGuard.Redis.Tests.Servers;
using StackExchange.Redis;

namespace FlashSale.Tests;

/// <summary>
/// A <c>redis://</c> store that requires a password (<c>requirepass</c>): FlashSale authenticates with
/// <c>FlashSale:StorePassword</c> from configuration, never from the URL, and a wrong password fails start-up with the
/// store's clear error, without the password in it.
/// </summary>
public sealed class StoreAuthTests
{
    private const string Sku = "sku-1";

    [Fact]
    public async Task AStoreRequiringAPassword_IsUsedWithTheConfiguredPassword()
    {
        string password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        using var redis = new RedisTestServer(password: password);
        redis.SkipIfUnavailable();
        string map = "stock-" + Guid.NewGuid().ToString("N")[..8];
        await using RunningFlashSale service = await FlashSaleApp.StartOnLoopbackAsync(
            options =>
            {
                options.MapName = map;
                options.Seed[Sku] = 10;
            },
            args: ["--store", "redis://" + redis.Configuration, "--FlashSale:StorePassword", password],
            cancellationToken: TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = service.BaseAddress };

        using var order = new StringContent("""{"sku":"sku-1","quantity":1}""", System.Text.Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await client.PostAsync("orders", order, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using ConnectionMultiplexer direct = redis.Connect();
        Assert.Equal("9", (string?)await direct.GetDatabase().HashGetAsync("mapguard:{" + map + "}", Sku));
    }

    [Fact]
    public async Task AWrongPassword_FailsStartUpClearly_WithoutPrintingIt()
    {
        using var redis = new RedisTestServer(password: "the-right-password-0123456789");
        redis.SkipIfUnavailable();
        const string Wrong = "a-wrong-password-9876543210";

        MapUnavailableException error = await Assert.ThrowsAsync<MapUnavailableException>(() => FlashSaleApp.StartOnLoopbackAsync(
            options => options.Seed[Sku] = 10,
            args: ["--store", "redis://" + redis.Configuration, "--FlashSale:StorePassword", Wrong],
            cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("server is unavailable", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Wrong, error.ToString(), StringComparison.Ordinal);
    }
}
